# Uncaught OverflowError: cannot convert float infinity to integer, from int() of an overflowed float;
# caught before: round(inf) and the ValueError for round(nan).
inf = 1e308 * 10
try:
    round(inf)
except OverflowError as e:
    print("caught:", e)
try:
    round(inf - inf)
except ValueError as e:
    print("caught:", e)
print(round(inf, 2), round(-inf, 0))
x = 1.0
steps = 0
while x < inf:
    x *= 1e10
    steps += 1
print(steps)
print(int(x))
