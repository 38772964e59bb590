# Uncaught RecursionError from a recursive function called in a hot loop with a growing depth: the
# calls succeed while the depth stays under the limit, then one exceeds it.
def depth(n):
    if n <= 0:
        return 0
    return 1 + depth(n - 1)

total = 0
for i in range(0, 2000, 5):
    total += depth(i)
    if i % 250 == 0:
        print(i, total)
