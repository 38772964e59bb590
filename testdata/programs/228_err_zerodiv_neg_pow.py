# Uncaught ZeroDivisionError: 0 raised to a negative int power ("0.0 cannot be raised to a negative
# power"), after 0 ** 0, 0 ** positive and 0.0 ** negative caught.
print(0 ** 0, 0 ** 5, 0.0 ** 0, 0.0 ** 2.5, (-0.0) ** 3)
try:
    0.0 ** -2.5
except ZeroDivisionError as e:
    print("caught:", e)
for e in range(3, -3, -1):
    print(e, 0 ** e)
