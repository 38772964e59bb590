# enumerate, zip and reversed: zip stops at the shortest input, enumerate over strings, tuples and
# dicts, reversed over lists/tuples/strings/ranges, and changes to a list after reversed/zip are
# not seen by completed loops.
print(list(zip([1, 2, 3], "ab")), list(zip("abc", range(10), (True, False, None))), list(zip([], [1])))
for i, ch in enumerate("héllo"):
    print(i, ch, end="; ")
print()
for i, k in enumerate({"x": 1, "y": 2}):
    print(i, k)
for i, t in enumerate(((1, 2), (3, 4))):
    print(i, t, t[0] + t[1])
for a, b in zip(range(3), reversed(range(3))):
    print(a, b, a * b)
print(list(reversed([1, "a", None])), list(reversed(("x",))), "".join(reversed("stressed")))
words = ["one", "two", "three"]
lens = []
for w, n in zip(words, [3, 3, 5]):
    lens.append(w + ":" + str(n))
print(lens)
total = 0
for i, x in enumerate([10, 20, 30]):
    total += i * x
print(total)
pairs = list(zip(["a", "b"], [1, 2]))
print(pairs, dict(pairs), list(enumerate(pairs)))
m = 0
for i, p in enumerate([]):
    m += 1
print(m)
