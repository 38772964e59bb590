# int(float) truncation toward zero, exactly for huge floats; float(int) correctly rounded
# (half to even) for big ints; and the overflow and nan errors.
for v in [0.9, -0.9, 1.9999999999999998, -2.5, 1e20, -1e20, 1e308, 2.0 ** 63, -(2.0 ** 63), 2.0 ** 64, 1e-300, 123456789.987]:
    print(v, int(v))
for n in [2 ** 53, 2 ** 53 + 1, 2 ** 53 + 2, 2 ** 53 + 3, 2 ** 54 + 2, 2 ** 54 + 6, 10 ** 22, 10 ** 23,
          3 ** 60, -(3 ** 60), 2 ** 1023, 2 ** 1024 - 2 ** 971, 12345678901234567890123]:
    print(float(n))
for n in [2 ** 1024, 2 ** 1024 - 2 ** 970, -(2 ** 1025)]:
    try:
        print(float(n))
    except OverflowError as e:
        print("OverflowError:", e)
for v in [1e308 * 10, -1e308 * 10]:
    try:
        print(int(v))
    except OverflowError as e:
        print("OverflowError:", e)
try:
    print(int(1e308 * 10 - 1e308 * 10))
except ValueError as e:
    print("ValueError:", e)
print(float(True), float(False), float(0), float(-0), float(7))
