# Uncaught TypeError: '<' not supported between instances of 'str' and 'int', from re-sorting a sorted
# list that gained a string at its end; caught before: ordering comparisons of mismatched types (== is fine).
print(1 == "1", [1] == (1,), None == 0, 1 != "x")
for a, b in [(1, "1"), ([1], (1,)), (None, 0), ({}, {})]:
    try:
        print(a < b)
    except TypeError as e:
        print("caught:", e)
try:
    print(max(3, "4"))
except TypeError as e:
    print("caught:", e)
xs = []
for i in range(1000):
    xs.append((i * 37) % 101)
xs = sorted(xs)
print(xs[:5], xs[-3:])
xs.append("100")
xs.sort()
