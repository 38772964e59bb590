# Uncaught ZeroDivisionError: float floor division by zero, when a float divisor reaches 0.0 in a loop.
x = 100.0
d = 3.0
while True:
    x = x // d + 7.0
    d -= 0.5
    print(x, d)
