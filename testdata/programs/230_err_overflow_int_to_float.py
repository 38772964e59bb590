# Uncaught OverflowError: int too large to convert to float, when a big int accumulator is mixed
# with a float; caught before: the same for float(), and big-int true division overflowing.
n = 10 ** 400
try:
    float(n)
except OverflowError as e:
    print("caught:", e)
try:
    n / 3
except OverflowError as e:
    print("caught:", e)
print(n // 10 ** 399, n / 10 ** 390)
acc = 1
for i in range(1, 400):
    acc *= i
    if i % 100 == 0:
        print(i, len(str(acc)))
print(acc * 0.5)
