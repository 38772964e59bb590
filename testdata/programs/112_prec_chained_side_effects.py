# Chained comparisons evaluate each middle operand once and stop at the first false link; and/or and
# the conditional expression evaluate only what they need. Calls are counted and logged.
log = []
def v(tag, value):
    log.append(tag)
    return value

print(v("a", 1) < v("b", 2) < v("c", 3))
print(log)
log = []
print(v("a", 1) < v("b", 0) < v("c", 3))
print(log)
log = []
print(v("a", 1) == v("b", 1) == v("c", 1) == v("d", 2) == v("e", 2))
print(log)
log = []
print(v("a", 0) and v("b", 1), v("c", 1) and v("d", 0), v("e", 1) or v("f", 2), v("g", "") or v("h", None))
print(log)
log = []
print(v("t", True) if v("cond", 0) else v("f", False))
print(log)
log = []
r = v("a", 5) > v("b", 3) > v("c", 1) and v("d", 0) or v("e", "fallback")
print(r, log)

count = 0
def tick(x):
    global count
    count += 1
    return x

hits = 0
for i in range(2000):
    if tick(0) <= tick(i % 7) < tick(5) <= tick(6):
        hits += 1
print(hits, count)
count = 0
n = 0
for i in range(3000):
    n += (tick(i) % 3 == 0 or tick(i) % 5 == 0) and tick(1)
print(n, count)
