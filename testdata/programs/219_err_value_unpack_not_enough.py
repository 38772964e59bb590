# Uncaught ValueError: not enough values to unpack (expected 3, got 2) from a function's result.
def split3(s):
    return s.split(",")

a, b, c = split3("x,y,z")
print(a, b, c)
try:
    a, b = []
except ValueError as e:
    print("caught:", e)
a, b, c = split3("x,y")
print("not reached")
