# Lists whose element kinds change (as a list-strategy implementation would switch representation):
# ints gaining a float, str, bool, None, a big int, a nested list; then sorting, indexing, equality.
xs = [3, 1, 2]
xs.append(2.5)
print(xs, sorted(xs), xs.index(2.5), 2.5 in xs, 2 in xs)
xs.append(True)
print(xs, sorted(xs), sum(xs))
xs.append(10 ** 20)
print(xs, max(xs), min(xs), sorted(xs, reverse=True))
ys = [1, 2, 3]
ys[1] = "two"
print(ys, len(ys), ys[1].upper())
ys[1] = 2
print(ys, ys == [1, 2, 3])
zs = [1.5, 2.5]
zs.append(3)
zs.insert(0, None)
print(zs, zs.pop(0), zs, sum(zs))
ws = []
ws.append(None)
ws.append(None)
ws.extend([1, 2])
print(ws, len(ws), ws[2:])
fs = [0.5] * 3
fs[1] = 1
fs.extend([2 ** 70])
print(fs, fs[1] + fs[0], fs[-1] * 2)
bs = [True, False]
bs.append(2)
print(bs, sorted(bs), sum(bs), bs.index(True), bs.index(1), bs.index(0))
nested = [[1, 2], [3]]
nested.append(4)
nested[0].append(2.5)
print(nested, len(nested), nested[0][-1])
mix = [1, 1.0, True, "1", None, (1,), [1]]
print(mix, mix.index(1.0), mix.index(True), 1 in mix, "1" in mix, [1] in mix, (1,) in mix)
n = [1, 2, 3]
n.extend(["a"])
n.pop()
n.append(4)
print(n, sorted(n, reverse=True), n == [1, 2, 3, 4])
