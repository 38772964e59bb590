# Uncaught TypeError: a list used as a dict key, after caught ones for a dict key, a tuple containing
# a list, membership tests with a list, and a dict lookup with a list.
d = {}
for bad in [{}, (1, [2])]:
    try:
        d[bad] = 1
    except TypeError as e:
        print("caught:", e)
try:
    print([1] in {"a": 1})
except TypeError as e:
    print("caught:", e)
try:
    print(d.get([1]))
except TypeError as e:
    print("caught:", e)
seen = {}
for row in [[1, 2], [3, 4]]:
    seen[tuple(row)] = True
print(seen)
for row in [[5, 6]]:
    seen[row] = True
