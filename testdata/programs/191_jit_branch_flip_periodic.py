# JIT-shaped: branches that are stable for thousands of iterations and then flip, branches with a
# period, and guards on values loaded from lists and dicts that change while the loop runs.
def classify(n):
    small = 0
    mid = 0
    large = 0
    for i in range(n):
        if i < 20000:
            small += 1
        elif i < 35000:
            mid += i % 3
        else:
            large -= 1
    return small, mid, large

print(classify(50000))
pattern = [0] * 10
hits = [0, 0]
for i in range(60000):
    if i % 10000 == 0:
        pattern[(i // 10000) % 10] = 1
    if pattern[i % 10]:
        hits[0] += 1
    else:
        hits[1] += 1
print(hits, pattern)
flags = {"on": True}
c = 0
for i in range(30000):
    if i == 12345:
        flags["on"] = False
    if i == 23456:
        flags["on"] = True
    if flags["on"]:
        c += 2
    else:
        c -= 1
print(c)
x = 1
for i in range(40000):
    if x > 1000:
        x = x // 3
    else:
        x = x * 2 + i % 5
print(x)
parity = 0
for i in range(45000):
    if (i // 7) % 2 == 0:
        parity += i
    else:
        parity -= i
print(parity)
m = 0
for i in range(20000):
    m = m + 1 if i % 2 == 0 or i % 3 == 0 else m - 2
print(m)
