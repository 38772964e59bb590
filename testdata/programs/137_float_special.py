# inf and nan arithmetic and comparisons, signed zeros through multiplication and division,
# min/max around them, and their string forms in containers.
inf = float("inf")
nan = float("nan")
ninf = float("-inf")
print(inf + 1, inf - inf, inf * 0, inf * -1, inf / inf, 1 / inf, -1 / inf, inf // 1, inf % 2)
print(nan + 1, nan * 0, -nan, abs(ninf), abs(nan), inf > 10 ** 1000, ninf < -(10 ** 1000))
print(inf == inf, ninf == -inf, inf > ninf, nan == nan, nan != nan)
print(inf ** 0, nan ** 0, 1 ** nan, 1 ** inf, 2 ** ninf, 0.5 ** inf, inf ** -1, (-inf) ** 3, (-inf) ** 2)
print(0.0 * -1, -0.0 * -1, 1 / -inf, -1e-320 * 1e-10, 5e-324 / 2, -5e-324 / 2, 5e-324 * 0.5000001)
print(min(inf, 5), max(ninf, -5), max(0.0, -0.0), max(-0.0, 0.0), min(0.0, -0.0))
print(sorted([3.0, inf, -1.5, ninf, 0.0, -0.0, 2]))
print([inf, ninf, nan], (nan, -0.0), {1: inf}, str(inf) + str(nan))
print(float("inf") == inf, float("-0.0"), 1e308 + 1e308, -1e308 * 10, 1e-320 / 1e10)
print(int(1e300 * 0 == 0), round(inf * 0 == inf * 0), bool(nan), bool(0.0), bool(-0.0), bool(inf))
x = 1.0
n = 0
while x != inf:
    x *= 2.0
    n += 1
print(n, x)
y = 1.0
m = 0
while y > 0:
    y /= 2
    m += 1
print(m, y)
