# print: sep and end in every combination (empty, multi-character, newline), printing nothing,
# the printed form of nested containers with every scalar kind, and print returning None.
print(1, 2, sep="")
print(1, 2, sep="", end="")
print()
print("a", "b", "c", sep=" | ", end=" <end>\n")
print(sep="-")
print(end="only end\n")
print("x", sep="ignored with one value")
print("multi", "line", sep="\n", end="\n\n")
print([1, 2.0, "3", None, True, (4,), [5], {6: 7}, -0.0, 10 ** 20, 1e20])
print((1,), (), [()], [[]], {(): []}, {1: {2: {3: ()}}}, ([], {}))
print({"k": [1, {"n": (None, False)}]}, [-1, -2.5, "-"], (0.1, 1e-05, 1e+16))
r = print("returns")
print(r, print() is None)
for i in range(3):
    print(i, end=" " if i < 2 else "\n")
print("a" "b", "c" + "d", sep=":")
