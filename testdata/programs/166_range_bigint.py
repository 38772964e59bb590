# ranges whose bounds are beyond 64 bits: iteration, indexing, membership and len when it fits,
# and loops that cross 2**63 one step at a time.
start = 2 ** 63 - 2
for i in range(start, start + 4):
    print(i, i - start)
r = range(2 ** 64 - 2, 2 ** 64 + 2)
print(len(r), r[0], r[-1], 2 ** 64 in r, list(r))
b = range(10 ** 20, 10 ** 20 + 50, 7)
print(len(b), b[3], b[-1], 10 ** 20 + 14 in b, 10 ** 20 + 15 in b)
print(list(range(-(2 ** 63) + 1, -(2 ** 63) - 3, -1)))
print(list(reversed(range(2 ** 70, 2 ** 70 + 3))))
total = 0
for i in range(2 ** 65, 2 ** 65 + 1000, 10):
    total += i
print(total)
print(list(range(0, 3 * 2 ** 64, 2 ** 64)), len(range(0, 10 ** 18, 10 ** 16)))
