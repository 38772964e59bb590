# round(): half-to-even with no ndigits (returns int), with positive, zero and negative ndigits
# (returns float for floats, int for ints), decimal cases that are not exactly representable.
for v in [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 0.4999999999999999, 2.5000000001, 1e16 + 1, -0.4]:
    print(v, round(v), round(v, 0))
for v, n in [(2.675, 2), (1.005, 2), (0.125, 2), (0.375, 2), (2.5, 0), (1234.5678, 1), (1234.5678, -1),
             (1234.5678, -2), (1250.0, -2), (1350.0, -2), (-1250.0, -2), (5e-324, 400), (1e300, -300),
             (123.456, 10), (0.1, 20), (-0.05, 1), (0.05, 1), (1.5, -1), (15.0, -1), (25.0, -1),
             (1e22, -22), (5e22, -23), (-0.4, 0), (9.995, 2), (1e15 + 0.3, 1)]:
    print(v, n, round(v, n))
for v, n in [(1250, -2), (1350, -2), (-1250, -2), (15, -1), (25, -1), (-25, -1), (123, 2), (123, 0),
             (5, -1), (50, -2), (2 ** 70, -10), (-(2 ** 70) - 5, -1), (7, -5)]:
    print(v, n, round(v, n))
print(round(1.23456, 3), round(-1.23456, 3), round(1e-20, 5), round(-1e-20, 5))
print(isinstance(round(2.5), int), isinstance(round(2.5, 0), float), isinstance(round(25, -1), int))
s = 0
for i in range(1000):
    s += round(i / 8)
print(s)
