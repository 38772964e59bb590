# Aliasing: two names for one list, += on an alias (extends in place) versus + (new list), lists
# stored in lists and dicts, mutation through a function parameter, and self-containing lists.
a = [1, 2]
b = a
b.append(3)
print(a, b, a is b)
b += [4]
print(a, b, a is b)
b = b + [5]
print(a, b, a is b)
c = a
c *= 2
print(a, c is a)
outer = [a, a]
a.append("x")
print(outer, len(outer[0]), outer[0] is outer[1])
d = {"k": a}
d["k"].pop()
print(a, d)
def grow(xs, n):
    for i in range(n):
        xs.append(i)
    return xs
r = grow(a, 2)
print(r is a, a)
def rebind(xs):
    xs = [0]
    return xs
print(rebind(a), a)
def add_in_place(xs):
    xs += ["!"]
add_in_place(a)
print(a)
m = [[1, 2], [3, 4]]
copy = m[:]
copy[0].append(99)
copy[1] = [0]
print(m, copy)
t = ([1], [2])
t[0].append(5)
print(t)
e = []
e.append(1)
print(e)
x = [1, 2, 3]
y = [x, x[:]]
x[0] = "changed"
print(y)
counter = [0]
def bump():
    counter[0] += 1
for i in range(5):
    bump()
print(counter)
