# Tuples: the one-element form, packing/unpacking (swaps, nested data, from lists and strings),
# concatenation and repetition, indexing/slicing, comparison, use as dict keys, and immutability.
t = (1, 2, 3)
u = 1, 2
one = (5,)
empty = ()
print(t, u, one, empty, len(one), len(empty), (5), isinstance(one, tuple))
a, b = 1, 2
a, b = b, a
print(a, b)
x, y, z = [10, 20, 30]
print(x, y, z)
p, q = "hi"
print(p, q)
(m, n) = (7, 8)
print(m, n)
print(t + u, t * 2, 0 * t, t[-1], t[1:], t[::-1], t + (), () + ())
print(t == (1, 2, 3), t < (1, 2, 4), t > (1, 2), (1, 2) == [1, 2], 2 in t, 9 not in t)
d = {(1, 2): "a", (3,): "b", (): "empty"}
print(d[(1, 2)], d[(3,)], d[()], (1, 2) in d)
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0], len(nested), nested[0] + nested[1])
print(tuple([1, 2]), tuple("ab"), tuple(range(3)), tuple(), tuple((1,)), list((1, 2)))
s = 0
for v in (1, 2, 3):
    s += v
print(s, sum((1.5, 2.5)), max((3, 9, 2)), min(("b", "a")), sorted((3, 1, 2)))
pairs = [(1, "one"), (2, "two")]
for num, name in pairs:
    print(num, name)
def minmax(xs):
    return min(xs), max(xs)
lo, hi = minmax([4, 9, 1])
print(lo, hi, minmax([5]))
r = minmax([2, 3])
print(r, r[0], isinstance(r, tuple))
print(t[1], (1, [2]), ((),), ((), ()))
