# Dict insertion order: assigning to an existing key keeps its position, pop then re-insert moves it to
# the end, dict(pairs) and dict(dict) copies, len, get/pop defaults, and printing nested dicts.
d = {"b": 1, "a": 2, "c": 3}
d["a"] = 20
print(d, list(d), len(d))
d.pop("b")
d["b"] = 100
print(d)
d["d"] = 4
print(d, d.get("a"), d.get("zz"), d.get("zz", "dflt"), d.pop("zz", None), d.pop("c"), d)
e = dict([("x", 1), ("y", 2), ("x", 3)])
print(e, len(e))
f = dict(e)
f["z"] = 0
print(e, f, dict(), dict({}))
g = {}
for i in range(10):
    g[i % 4] = i
print(g)
for k in [3, 0]:
    g.pop(k)
g[0] = "back"
print(g, list(g.keys()), list(g.values()))
h = {"outer": {"inner": [1, 2, {"deep": None}]}, "t": (1, 2)}
print(h, h["outer"]["inner"][2]["deep"])
h["outer"]["new"] = 1
print(h)
cnt = {}
for ch in "mississippi":
    cnt[ch] = cnt.get(ch, 0) + 1
print(cnt)
dd = dict(zip(["a", "b", "c"], [1, 2, 3]))
print(dd, dict(enumerate("xy")))
dd["a"] += 10
dd["b"] *= 3
print(dd)
