# JIT-shaped: float accumulators in hot loops (summation order matters, so results must match
# CPython bit for bit), mixed int/float updates, float // and %, and a Newton iteration.
s = 0.0
for i in range(100000):
    s += 0.1
print(s, s == 10000.0)
h = 0.0
for i in range(1, 50001):
    h += 1.0 / i
print(h)
alt = 0.0
for i in range(60000):
    alt += (-1) ** i / (2 * i + 1)
print(alt * 4)
x = 1.0
for i in range(30000):
    x = x * 1.0001
    if x > 2.0:
        x = x - 1.0
print(x)
m = 0.0
for i in range(40000):
    m += (i * 0.37) % 3.1 - (i * 0.37) // 3.1
print(m)
def newton_sqrt(v):
    g = v / 2.0
    for i in range(30):
        g = (g + v / g) / 2.0
    return g

tot = 0.0
for i in range(1, 3000):
    tot += newton_sqrt(float(i))
print(tot)
mix = 0
for i in range(20000):
    if i % 3 == 0:
        mix += 1
    else:
        mix += 0.25
print(mix)
k = 0.5
for i in range(1000):
    k = 3.9 * k * (1.0 - k)
print(k)
neg = 0.0
for i in range(20000):
    neg -= 1e-17
print(neg, 1.0 + neg, -0.0 + neg)
