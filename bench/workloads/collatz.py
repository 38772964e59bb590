# collatz: branchy integer code.
# Usage: collatz.py N REPS. Each repetition counts the total number of
# Collatz steps (n -> n/2 if even, else 3n+1, until 1) over all starting
# values 1..N; prints that count. Unit: one step.
import sys


def collatz_steps(limit):
    total = 0
    for k in range(1, limit + 1):
        n = k
        while n != 1:
            if n % 2 == 0:
                n = n // 2
            else:
                n = 3 * n + 1
            total += 1
    return total


def main():
    limit = int(sys.argv[1])
    reps = int(sys.argv[2])
    steps = 0
    for r in range(reps):
        steps = collatz_steps(limit)
    print(steps)


main()
