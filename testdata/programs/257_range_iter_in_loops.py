# for x in range(...) inside hot loops: the JIT makes the range and its iterator in one
# residual call; a range whose arguments are wrong raises the same error as without it.
def tri(n):
    total = 0
    for i in range(n):
        for j in range(i, n, 2):
            total += i * j
        for k in range(-i, 0):
            total -= k
    return total


def bad(vals):
    caught = 0
    for v in vals:
        try:
            for x in range(v):
                caught += x
        except TypeError as e:
            caught += 1000
            last = str(e)
    print(last)
    return caught


print(tri(60))
print(tri(7))
vals = []
for i in range(300):
    if i % 50 == 49:
        vals.append(2.5)
    else:
        vals.append(i % 7)
print(bad(vals))
r = range(3)
for x in r:
    print(x, list(r))
