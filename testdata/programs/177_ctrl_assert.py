# assert with and without a message: passing asserts have no effect, failing ones raise
# AssertionError whose str is the message (any value, converted with str) or empty.
assert True
assert 1 == 1, "never shown"
assert [0], "non-empty list is true"
def check(v, msg):
    try:
        assert v, msg
        return "ok"
    except AssertionError as e:
        return "failed: [" + str(e) + "]"

for v, msg in [(1, "a"), (0, "zero"), ("", 42), ([], [1, 2]), (None, None), (False, 3.5), ("x", "y")]:
    print(check(v, msg))
try:
    assert 2 + 2 == 5
except AssertionError as e:
    print("no message: [" + str(e) + "]")
count = 0
for i in range(10000):
    try:
        assert i % 1000 != 999, "at " + str(i)
    except AssertionError as e:
        count += 1
        last = str(e)
print(count, last)
calls = []
def msg():
    calls.append(1)
    return "built"
assert True, msg()
print(len(calls))
try:
    assert False, msg()
except AssertionError as e:
    print(e, len(calls))
