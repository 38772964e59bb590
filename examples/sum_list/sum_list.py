# sum_list: metajit's main demo.
#
# Build a list of N ints once, then sum it R times with a plain
# `for x in xs: total += x` loop inside a function. The loop in sum_list()
# is the hot loop the JIT traces: one iteration is "get the next item,
# add it to total", and with the list's unboxed int storage the compiled
# trace needs no allocation at all.
#
# Usage: metajit sum_list.py [N [R]]   (defaults: N = 1000000, R = 20)
import sys


def build(n):
    xs = []
    for i in range(n):
        xs.append(i)
    return xs


def sum_list(xs):
    total = 0
    for x in xs:
        total += x
    return total


def main():
    n = 1000000
    reps = 20
    if len(sys.argv) > 1:
        n = int(sys.argv[1])
    if len(sys.argv) > 2:
        reps = int(sys.argv[2])
    xs = build(n)
    result = 0
    for r in range(reps):
        result = sum_list(xs)
    # Every repetition computes the same sum: n * (n - 1) / 2.
    print(result)


main()
