# JIT-shaped: hot for-loops over every iterable kind of the subset: list, tuple, str, range with a
# step, dict, dict.keys/values/items, enumerate, zip and reversed.
n = 20000
xs = []
for i in range(n):
    xs.append(i % 101)
s1 = 0
for v in xs:
    s1 += v
t = tuple(xs)
s2 = 0
for v in t:
    s2 += v * 2
text = "abcdefghij" * 2000
s3 = 0
for ch in text:
    if ch == "c" or ch == "h":
        s3 += 1
s4 = 0
for i in range(n, 0, -3):
    s4 += i
d = {}
for i in range(5000):
    d[i] = i * i % 97
s5 = 0
for k in d:
    s5 += k
for v in d.values():
    s5 += v
for k, v in d.items():
    s5 += k * v % 7
for k in d.keys():
    s5 -= 1
s6 = 0
for i, v in enumerate(xs):
    if i % 2:
        s6 += v
s7 = 0
for a, b in zip(xs, reversed(xs)):
    s7 += a * b
s8 = 0
for v in reversed(range(0, n, 7)):
    s8 = (s8 * 31 + v) % 1000000007
s9 = 0
for i, ch in enumerate("xyz" * 5000):
    if ch == "y":
        s9 += i
s10 = 0
for a, b, c in zip(range(10000), "abcd" * 2500, xs):
    if b == "d":
        s10 += a + c
print(s1, s2, s3, s4, s5, s6, s7, s8, s9, s10)
