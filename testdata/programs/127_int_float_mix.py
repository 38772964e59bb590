# Mixing int and float: result types of each operator, exactness lost or kept, and big ints
# combined with floats.
print(1 + 1.0, 2 * 0.5, 3 - 1.5, 7 / 2, 6 / 3, 7 // 2.0, 7 % 2.5, 2 ** 0.5, 2.0 ** 2)
print(isinstance(1 + 1.0, float), isinstance(4 / 2, float), isinstance(4 // 2, int), isinstance(2 ** -1, float))
print(10 ** 15 + 0.5, 10 ** 16 + 0.5, 10 ** 16 + 1.0, 2 ** 53 + 1.0, 2 ** 53 + 2.0)
print(10 ** 20 * 1.0, 10 ** 20 + 0.0, 3 ** 40 / 1, 3 ** 40 * 1.5, 3 ** 40 - 0.5)
print(0.1 * 3, 0.1 * 3 == 0.3, 1 - 0.9, 100 * 1.1, 3 * 1.1)
print(1 == 1.0, 1 < 1.5, 2 > 1.999999999, -1 < -0.5, 0 == -0.0)
print(max(1, 1.0), max(1.0, 1), min(0, -0.0), min(-0.0, 0), max(2, 2.5, 1))
print(sum([1, 2.5, 3]), sum([0.1] * 10), sum([1, 2, 3]) / 3)
print(abs(-2.5), abs(-3), abs(-0.0), round(2.5), round(3.5), round(-2.5))
x = 1
x += 0.5
print(x)
x = 10
x /= 4
print(x)
x = 10
x //= 4.0
print(x)
x = 7
x %= 2.5
print(x)
x = 2
x **= -2
print(x)
x = 3
x *= 1.0
print(x, int(x), str(x))
