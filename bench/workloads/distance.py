# distance: build and unpack tuples of floats, call small functions.
# Usage: distance.py N REPS. Each repetition makes N calls to distance();
# prints the total of the last repetition, times 1000 and truncated to an
# int so every language prints the same digits. Unit: one distance() call.
import sys


def sub(p, q):
    x1, y1 = p
    x2, y2 = q
    return (x1 - x2, y1 - y2)


def distance(p, q):
    dx, dy = sub(q, p)
    return (dx * dx + dy * dy) ** 0.5


def run(n):
    total = 0.0
    for i in range(n):
        t = (i % 1000) * 0.001
        p = (t, 1.0 - t)
        q = (1.0 + t, t * 0.5)
        total += distance(p, q)
    return total


def main():
    n = int(sys.argv[1])
    reps = int(sys.argv[2])
    total = 0.0
    for r in range(reps):
        total = run(n)
    print(int(total * 1000.0))


main()
