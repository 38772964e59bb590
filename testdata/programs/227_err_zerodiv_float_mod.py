# Uncaught ZeroDivisionError: float modulo (with a -0.0 divisor).
vals = [7.5, -7.5, 7.0]
for v in vals:
    print(v % 2.0, v % -2.0)
z = -0.0
print(z, 5.0 % z)
