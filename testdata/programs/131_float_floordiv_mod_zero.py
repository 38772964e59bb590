# Float // and % with mixed signs, signed zeros, infinities and tiny/huge operands: CPython's
# results (the sign of % follows the divisor, a zero result keeps the divisor's sign).
pairs = [(7.5, 2), (-7.5, 2), (7.5, -2), (-7.5, -2), (7, 0.5), (-7, 0.5), (1, 0.1), (-1, 0.1),
         (0.0, 5), (-0.0, 5), (0.0, -5), (-0.0, -5), (5.0, 5), (-5.0, 5), (5.0, -5), (3.0, 1e-300),
         (-1e-300, 1e300), (1e-300, -1e300), (1e300, 1e-300), (6.0, 3.0), (-6.0, 3.0), (0.3, 0.1)]
for a, b in pairs:
    print(a, b, a // b, a % b, a / b)
inf = 1e308 * 10
for a, b in [(5.0, inf), (-5.0, inf), (5.0, -inf), (-5.0, -inf), (inf, 3.0), (0.0, inf)]:
    print(a, b, a // b, a % b)
print(-0.0 // 1, 0.0 // -1, -0.0 % 1, 0.0 % -1, -0.0 * 0, 0.0 * -1, -0.0 + 0.0, -0.0 - 0.0)
print(-0.0 + -0.0, 0.0 - 0.0, -(0.0), -(-0.0), abs(-0.0), 0.0 * -5, -0.0 / 3)
print(7 // 2.0, -7 // 2.0, 7 % -2.0, -7 % -2.0, 2 ** 60 // 3.0, 2 ** 60 % 3.0)
x = -0.0
print(x == 0.0, x < 0.0, str(x), x * 0.0, round(x), int(x), x // 7)
