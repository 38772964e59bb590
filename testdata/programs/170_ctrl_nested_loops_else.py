# Nested loops with break/continue: break leaves only the innermost loop, for-else and while-else run
# only when the loop was not broken (also for empty loops), and continue in the last iteration.
for n in range(2, 30):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print(n, end=" ")
print()
for i in range(3):
    for j in range(3):
        if j == 1:
            continue
        if i == 2:
            break
        print(i, j)
    else:
        print("inner done", i)
else:
    print("outer done")
for x in []:
    print("never")
else:
    print("empty for-else runs")
k = 0
while k < 0:
    k += 1
else:
    print("empty while-else runs")
found = None
for row in [[1, 3], [5, 8, 9], [10]]:
    for v in row:
        if v % 2 == 0:
            found = v
            break
    if found is not None:
        break
print("found", found)
count = 0
for i in range(5):
    for j in range(5):
        for k in range(5):
            if (i + j + k) % 4 == 0:
                continue
            if k > i:
                break
            count += 1
print(count)
for i in range(4):
    if i == 3:
        continue
    print("loop", i)
else:
    print("else after continue on last")
i = 0
while True:
    i += 1
    if i > 100:
        break
    if i % 7:
        continue
    print(i, end=",")
print()
print(i)
for c in "abc":
    pass
print(c)
for idx in range(3):
    pass
print(idx)
