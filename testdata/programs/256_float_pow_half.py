# x ** 0.5: the interpreter and the JIT take the square root for positive floats; every
# other case (zero, negative zero, negatives, infinities, NaN, ints) goes through pow.
vals = [2.0, 1e-300, 1e300, 0.1, 3.0, 7.5, float("inf"), 0.0, -0.0, 123456.789, 5e-324, 4]
for v in vals:
    print(v ** 0.5)
print(float("-inf") ** 0.5)
print(float("nan") ** 0.5)
total = 0.0
i = 0
while i < 3000:
    total += (i * 0.37 + 0.001) ** 0.5
    x = (i - 1500) * 0.25
    if x > 0:
        total += x ** 0.5
    i += 1
print(total)
