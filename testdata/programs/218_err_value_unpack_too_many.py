# Uncaught ValueError: too many values to unpack, in a for loop unpacking pairs into two names when the
# last item is a triple; caught before: tuple, string and short-list unpacking.
for src in [(1, 2, 3), "abc", [1]]:
    try:
        a, b = src
        print(a, b)
    except ValueError as e:
        print("caught:", e)
pairs = [(1, 2), (3, 4), (5, 6, 7)]
for x, y in pairs:
    print(x + y)
