# distance: tuples and floats in a hot loop.
#
# Each iteration builds two points as tuples of floats, and distance()
# takes them apart, builds the difference vector as another tuple (in
# sub()) and returns the Euclidean distance. An interpreter allocates
# three tuples and several floats per iteration; the JIT's escape analysis
# should keep all of them virtual (in registers), so the whole run does
# only a handful of allocations.
#
# Usage: metajit distance.py [COUNT]   (default: COUNT = 10**7 calls)
import sys


def sub(p, q):
    x1, y1 = p
    x2, y2 = q
    return (x1 - x2, y1 - y2)


def distance(p, q):
    dx, dy = sub(q, p)
    return (dx * dx + dy * dy) ** 0.5


def run(count):
    total = 0.0
    for i in range(count):
        t = (i % 1000) * 0.001
        p = (t, 1.0 - t)
        q = (1.0 + t, t * 0.5)
        total += distance(p, q)
    return total


def main():
    count = 10 ** 7
    if len(sys.argv) > 1:
        count = int(sys.argv[1])
    print(run(count))


main()
