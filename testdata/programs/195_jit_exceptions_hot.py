# JIT-shaped: hot loops that raise and catch exceptions: a rare error in a tight loop, an error on
# every iteration, errors raised in a callee, try/finally bookkeeping, and a dict lookup fallback.
def safe_div(a, b):
    try:
        return a // b
    except ZeroDivisionError:
        return 0

s = 0
for i in range(50000):
    s += safe_div(i, i % 1000)
print(s)
errs = 0
for i in range(20000):
    try:
        int("x" if i % 2 else str(i))
    except ValueError:
        errs += 1
print(errs)
d = {}
for i in range(30000):
    k = i % 500
    try:
        d[k] += 1
    except KeyError:
        d[k] = 1
print(len(d), d[0], d[499])
def check(v):
    if v % 777 == 0:
        raise ValueError("bad " + str(v))
    return v

ok = 0
last = ""
fin = 0
for i in range(1, 40000):
    try:
        ok += check(i) % 10
    except ValueError as e:
        last = str(e)
    finally:
        fin += 1
print(ok, last, fin)
xs = [1, 2, 3]
oob = 0
for i in range(10000):
    try:
        oob += xs[i % 5]
    except IndexError:
        oob -= 1
print(oob)
def deep(n):
    if n == 0:
        raise KeyError("bottom")
    return deep(n - 1)

caught = 0
for i in range(2000):
    try:
        deep(i % 20)
    except KeyError:
        caught += 1
print(caught)
