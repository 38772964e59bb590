# sum_list: iterate over a list of ints and add them up.
# Usage: sum_list.py N REPS. Builds a list of N ints once, sums it REPS
# times; prints the sum (the same every repetition). Unit: one element.
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
    n = int(sys.argv[1])
    reps = int(sys.argv[2])
    xs = build(n)
    result = 0
    for r in range(reps):
        result = sum_list(xs)
    print(result)


main()
