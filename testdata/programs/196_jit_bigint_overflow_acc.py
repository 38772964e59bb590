# JIT-shaped: accumulators that overflow 64 bits in the middle of a hot loop (sums, products, shifts,
# negation at -2**63) and keep going as big ints, sometimes coming back into the small range.
acc = 2 ** 62
for i in range(40000):
    acc += 2 ** 50
print(acc, acc > 2 ** 63)
p = 1
for i in range(1, 30000):
    p = p * 3 % (2 ** 89 - 1)
print(p)
h = 0
for i in range(20000):
    h = (h * 31 + i) & (2 ** 64 - 1)
print(h)
h2 = 0
for i in range(20000):
    h2 = h2 * 31 + i
    if h2 > 2 ** 70:
        h2 = h2 % 1000000007
print(h2)
m = -(2 ** 63) + 5000
for i in range(10000):
    m -= 1
print(m, -m, abs(m), m // -1)
sh = 1
for i in range(200):
    sh = sh << 1
    if sh > 2 ** 150:
        sh = sh >> 100
print(sh)
f = 1
for i in range(1, 400):
    f *= i
    f //= max(1, i // 2)
print(f % 1000000007, len(str(f)))
down = 2 ** 70
steps = 0
while down > 2:
    down = down // 3 + (down % 3)
    steps += 1
print(down, steps)
neg = 0
for i in range(50000):
    neg -= 2 ** 45 + i
print(neg)
