# Uncaught TypeError: list + tuple ("can only concatenate list (not "tuple") to list"), after caught
# concatenation errors for str + int, tuple + list and str + list.
for a, b in [("s", 1), ((1,), [2]), ("s", ["t"]), ([1], "ab")]:
    try:
        print(a + b)
    except TypeError as e:
        print("caught:", e)
acc = []
for i in range(3000):
    acc = acc + [i]
print(len(acc))
acc = acc + (1, 2)
