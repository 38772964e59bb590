# Uncaught TypeError: unexpected keyword argument; caught before: a keyword given twice (got multiple
# values for argument) and print() with an unknown keyword.
def area(w, h=1):
    return w * h

print(area(2), area(2, h=3), area(h=4, w=5))
try:
    area(2, w=3)
except TypeError as e:
    print("caught:", e)
try:
    print("x", color="red")
except TypeError as e:
    print("caught:", e)
print(area(2, depth=3))
