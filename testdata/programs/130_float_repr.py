# repr/str of floats: shortest round-tripping digits, the switch to exponent notation at 1e16 and
# 1e-4, signed zero, inf and nan, subnormals and the extremes, inside containers too.
vals = [0.1 + 0.2, 1e16, 1e15, 9999999999999998.0, 1e-5, 1e-4, 0.0001, 0.00001234, 123456789.123,
        -0.0, 0.0, 5e-324, 1.7976931348623157e308, 2.2250738585072014e-308, 1 / 3, 2 / 3, 100.0,
        1e22, 1e23, 12345678901234567890.0, 0.1 * 3, 1e-7, 1.5, -2.5e-10, 3.141592653589793,
        2.0 ** 52, 2.0 ** 53, 2.0 ** 60, 2.0 ** -20, 1234567.0, 0.5 ** 30, 4.35, 1.1 * 1.1,
        9007199254740993.0, 1e100, 1.0e-100, 123e45, 0.000123, 1e16 + 2, 1e300 * 10, 7.0e-10]
for v in vals:
    print(v)
print(vals[:6])
inf = 1e308 * 10
nan = inf - inf
print(inf, -inf, nan, -nan, [inf, nan, -0.0], (-inf,))
print(str(0.1), str(-0.0), str(1e16), str(inf), str(nan), str(2.0))
print(float(10 ** 16), float(10 ** 15), float(-(10 ** 16)), float(2 ** 70))
x = 1.0
for i in range(25):
    x = x * 10
    print(x, end=" ")
print()
y = 1.0
for i in range(25):
    y = y / 10
    print(y, end=" ")
print()
