# JIT-shaped: nested hot loops (inner loops traced inside outer ones), inner trip counts that vary,
# early breaks from the inner loop, and matrix-style list-of-list arithmetic.
n = 120
grid = []
for i in range(n):
    row = []
    for j in range(n):
        row.append((i * j) % 17)
    grid.append(row)
total = 0
for i in range(n):
    for j in range(n):
        total += grid[i][j] * (i - j)
print(total)
a = []
b = []
for i in range(30):
    ra = []
    rb = []
    for j in range(30):
        ra.append(i + j)
        rb.append(i - j)
    a.append(ra)
    b.append(rb)
c = []
for i in range(30):
    row = []
    for j in range(30):
        s = 0
        for k in range(30):
            s += a[i][k] * b[k][j]
        row.append(s)
    c.append(row)
print(c[0][:5], c[29][-3:], sum(c[15]))
count = 0
for i in range(300):
    for j in range(i % 50):
        if (i + j) % 13 == 12:
            break
        count += 1
print(count)
pairs = 0
limit = 2000
for x in range(1, 60):
    for y in range(x, 60):
        if x * x + y * y > limit:
            break
        if (x * x + y * y) % 5 == 0:
            pairs += 1
print(pairs)
fl = 0.0
for i in range(200):
    for j in range(200):
        fl += (i - j) * 0.001
print(round(fl, 6), fl)
