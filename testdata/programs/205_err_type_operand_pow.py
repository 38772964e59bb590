# Uncaught TypeError: ** between a list and an int inside a function, after caught errors for the
# augmented forms (which name the operator with "=", e.g. +=) and unary operators.
x = 1
for k in range(6):
    try:
        if k == 0:
            x = "a"
            x -= 1
        elif k == 1:
            x = [1]
            x *= 1.5
        elif k == 2:
            x = 2
            x **= "2"
        elif k == 3:
            x = -"neg"
        elif k == 4:
            x = ~2.5
        else:
            x = +None
    except TypeError as e:
        print("caught:", e)
def powers(base, n):
    return base ** n

print(powers(2, 10))
print(powers([2], 2))
