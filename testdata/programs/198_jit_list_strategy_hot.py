# JIT-shaped: lists whose element kinds change inside hot loops (ints list receiving floats, None,
# strings, bools, big ints), growth by append/insert/pop, and in-place updates by index.
xs = []
for i in range(30000):
    if i < 10000:
        xs.append(i)
    elif i < 20000:
        xs.append(i * 0.5)
    else:
        xs.append(None if i % 2 else "s")
tot = 0
for v in xs:
    if v is None:
        tot += 1
    elif isinstance(v, str):
        tot += 2
    else:
        tot += v
print(len(xs), tot)
ys = [0] * 1000
for i in range(50000):
    j = i % 1000
    if i == 25000:
        ys[7] = 1.5
    ys[j] = ys[j] + 1
print(sum(ys), ys[6], ys[7], ys[8])
zs = [1, 2, 3]
for i in range(20000):
    if i % 4 == 0:
        zs.append(i)
    elif i % 4 == 1:
        zs.pop()
    elif i % 4 == 2:
        zs.insert(0, True)
    else:
        zs[0] = zs[0] + 1
print(len(zs), zs[:5], zs[-3:], sum(zs))
big = [1] * 10
for i in range(20000):
    big[i % 10] = big[i % 10] * 3 % (10 ** 30 + 57) if i > 100 else big[i % 10] * 3
print(big[0], big[9])
stack = []
ops = 0
for i in range(40000):
    if i % 3 == 2 and stack:
        stack.pop()
    else:
        stack.append(i)
    ops += len(stack) % 7
print(len(stack), ops, stack[-1])
ss = []
for i in range(10000):
    ss.append(str(i % 10))
ss.sort()
print(ss[0], ss[-1], ss[4999], ss[5000])
ss[0] = 5
print(ss[:2], ss.index("1"), len(ss))
