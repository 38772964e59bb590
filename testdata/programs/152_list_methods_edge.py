# list.pop/insert/extend/index/reverse/sort edge cases: pop with negative index, insert past either
# end and at negative positions, extend with tuples/strings/ranges/itself, index of the first match.
a = [1, 2, 3]
print(a.pop(), a.pop(0), a, a.pop(-1), a)
b = [1, 2, 3, 4, 5]
print(b.pop(-2), b.pop(1), b)
c = [1, 2, 3]
c.insert(0, "first")
c.insert(100, "last")
c.insert(-1, "before last")
c.insert(-100, "very first")
c.insert(2, "middle")
print(c)
d = [1]
d.extend((2, 3))
d.extend("ab")
d.extend(range(3))
d.extend([])
print(d)
e = [1, 2]
e.extend(e)
print(e)
f = [5, 3, 5, 1, 5]
print(f.index(5), f.index(1), f.index(3))
f.reverse()
print(f, f.index(5))
g = []
g.reverse()
g.sort()
print(g, [1].pop(), [1, 2].pop(0))
h = [3, 1, 2]
r = h.sort()
print(r, h, h.reverse(), h, h.append(0), h.insert(0, 9), h, h.extend([8]), h)
k = ["b", "a", "c"]
k.sort(reverse=True)
print(k)
m = [2.5, -1, 3, 0.0, -0.5]
m.sort()
print(m)
x = [1, 2, 3]
y = x
x.append(4)
y.pop(0)
print(x, y, len(x))
