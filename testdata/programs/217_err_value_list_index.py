# Uncaught ValueError: list.index of a missing value ("'z' is not in list"), after found and
# caught-missing lookups of ints, floats equal to ints and tuples.
xs = [3, 1.0, "a", (1, 2), None]
print(xs.index(1), xs.index(True), xs.index((1, 2)), xs.index(None), xs.index(3.0))
for missing in [7, (2, 1), "A"]:
    try:
        xs.index(missing)
    except ValueError as e:
        print("caught:", e)
print(xs.index("z"))
