# Uncaught TypeError: 'int' object is not iterable, from a for loop over an int; caught before for
# None, a float, and unpacking an int.
for v in [None, 1.5]:
    try:
        for x in v:
            pass
    except TypeError as e:
        print("caught:", e)
try:
    a, b = 5
except TypeError as e:
    print("caught:", e)
try:
    list(7)
except TypeError as e:
    print("caught:", e)
count = 3
total = 0
for i in count:
    total += i
