# JIT-shaped: dicts in hot loops: growth past many resizes, keys of changing kinds (int, str, tuple,
# float equal to int), deletions via pop, counting with get, and iteration after the changes.
d = {}
for i in range(40000):
    d[i * 7 % 10007] = i
print(len(d), d[0], d[7], d[10006])
for i in range(0, 10007, 2):
    d.pop(i)
print(len(d), d.get(2, "gone"), d.get(3))
c = {}
for i in range(50000):
    k = i % 37
    c[k] = c.get(k, 0) + 1
print(len(c), c[0], c[36])
m = {}
for i in range(30000):
    if i % 3 == 0:
        k = i % 100
    elif i % 3 == 1:
        k = str(i % 100)
    else:
        k = (i % 10, i % 7)
    m[k] = m.get(k, 0) + i
print(len(m), m[5], m["5"], m[(5, 5)])
f = {}
for i in range(20000):
    f[float(i % 50)] = i
    f[i % 50] = f[i % 50] + 1
print(len(f), f[0], f[49.0], list(f)[:3])
tot = 0
for k, v in d.items():
    tot += k * v % 1000
print(tot)
order = {}
for i in range(1000):
    order[i % 10] = i
    if i % 10 == 9:
        order.pop(i % 7)
print(list(order.keys()), list(order.values()))
