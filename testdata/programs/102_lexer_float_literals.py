# Lexing of float literals: leading/trailing dots, exponents with signs and cases, underscores,
# leading zeros that are legal in floats, and literals that round or overflow.
print(1., .5, 0., 0.0, 1.0, 10.)
print(1e-7, 1E7, 1e+7, 1.5e3, .5e-3, 5.e2, 1.e3)
print(1_000.000_1, 1e1_0, 1_2.3_4e-1_0)
print(00.5, 007.5, 0777e1, 00e0, 0e0)
print(123456789.123, 0.1, 0.30000000000000004)
print(1e308, 1e309, -1e309, 1e-323, 1e-324, 2e-324, 3e-324)
print(1.7976931348623157e308, 1.7976931348623158e308, 1.7976931348623159e308)
print(4.9406564584124654e-324, 2.2250738585072014e-308)
print(9007199254740993.0, 9007199254740995.0)
print(0.1e1, 10e-1, 1000000000000000000000.0, 1e21, 1e22)
print(.1 + .2, 1. + .5, 3.14159265358979323846264338327950288)
print(1_1.1_1, 1e0_1)
x = 2.5e-3
print(x, -x, +x)
print(1.5 == 15e-1 == 0.15e1, 1.0 == 1, 0.5 == .5)
print(isinstance(1., float), isinstance(1e3, float), isinstance(0e0, float))
