# raise with an exception class (no message) versus an instance with zero, one or several
# arguments: what str(e) and print(e) show for each, and raise inside functions.
def r(k):
    if k == 0:
        raise ValueError
    if k == 1:
        raise ValueError()
    if k == 2:
        raise ValueError("message")
    if k == 3:
        raise ValueError("two", "args")
    if k == 4:
        raise ValueError(42)
    if k == 5:
        raise KeyError("key")
    if k == 6:
        raise KeyError
    if k == 7:
        raise IndexError("index", 3)
    if k == 8:
        raise TypeError("")
    if k == 9:
        raise Exception("base")
    if k == 10:
        raise ValueError(None)
    raise ZeroDivisionError("custom zero")

for k in range(12):
    try:
        r(k)
    except Exception as e:
        print(k, "[" + str(e) + "]", e, isinstance(e, ValueError))
try:
    raise AssertionError("manual")
except AssertionError as e:
    print("assertion:", e)
try:
    raise NameError("explicit name error")
except NameError as e:
    print(e)
try:
    raise RecursionError("not really")
except RecursionError as e:
    print(e)
try:
    raise OverflowError
except OverflowError as e:
    print("[" + str(e) + "]")
