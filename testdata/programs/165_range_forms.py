# range with one, two and three arguments, negative steps, empty ranges, len, indexing with
# negative indices, membership, reversed(range) and ranges used as sequences.
for r in [range(5), range(2, 8), range(0, 10, 3), range(10, 0, -3), range(5, 5), range(5, 0),
          range(-5, 5, 4), range(0, -10, -2), range(10, 0, -1), range(-3), range(3, -3, -2)]:
    print(list(r), len(r))
r = range(3, 20, 4)
print(r[0], r[-1], r[2], r[-5], len(r), 7 in r, 8 in r, 19 in r, 20 in r, -1 in range(-5, 0))
print(list(reversed(range(5))), list(reversed(range(1, 10, 3))), list(reversed(range(10, 0, -4))), list(reversed(range(0))))
s = range(100, 0, -7)
print(s[0], s[-1], len(s), s[len(s) - 1], 2 in s, 100 in s, 0 in s)
total = 0
for i in range(10, -11, -5):
    total += i
    print(i, end=" ")
print(total)
for i in range(0):
    print("never")
n = 0
for i in range(3):
    for j in range(i, 3):
        n += 1
print(n, sum(range(101)), max(range(7)), min(range(3, 9)), sorted(range(3), reverse=True))
print(tuple(range(2, 5)), list(range(1, 2)), list(range(-1, -4, -1)), len(range(0, 100, 7)))
print(list(zip(range(3), range(10, 13))), list(enumerate(range(5, 8))))
x = range(10)
print(x[-1], x[-10], len(x), list(x)[::-1][:3])
