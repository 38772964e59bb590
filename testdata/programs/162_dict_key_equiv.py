# Keys that compare equal are the same dict key: 1, 1.0 and True; 0, 0.0, -0.0 and False; tuples
# containing them. The first inserted key object is kept, the last value wins. None and str keys.
d = {}
d[1] = "int"
d[1.0] = "float"
d[True] = "bool"
print(d, len(d), d[1], d[1.0], d[True])
z = {0.0: "a"}
z[0] = "b"
z[False] = "c"
z[-0.0] = "d"
print(z)
t = {(1, 2): "x"}
t[(1.0, 2.0)] = "y"
t[(True, 2)] = "z"
print(t, (1, 2.0) in t, (1, 3) in t)
m = {None: 0, "None": 1, "": 2, 0: 3}
print(m, m[None], m[""], m[0], None in m, "" in m, False in m)
f = {0.5: "half", 2.0: "two", 10 ** 20: "big", 1e20: "bigf"}
print(f, f[2], f[0.5], len(f))
k = {2 ** 64: "a"}
print(k[2 ** 64], 2.0 ** 64 in k, 2 ** 64 + 1 in k)
s = {"a": 1}
print("a" in s, "A" in s, 1 in s)
nested = {(1, (2, 3)): "deep", ("a",): "one"}
print(nested[(1, (2, 3))], nested[("a",)], (1, (2.0, 3)) in nested)
cache = {}
for i in range(20):
    cache[i % 3 == 0] = i
    cache[i % 5] = i
print(cache)
