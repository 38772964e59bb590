# Uncaught TypeError: too many positional arguments to a function with defaults ("takes from 1 to 3
# positional arguments"), after caught variants for functions with and without defaults.
def none():
    return 0

def one(a):
    return a

def ranged(a, b=1, c=2):
    return a + b + c

print(none(), one(5), ranged(1), ranged(1, 2), ranged(1, 2, 3))
for attempt in range(3):
    try:
        if attempt == 0:
            none(1)
        elif attempt == 1:
            one(1, 2)
        else:
            one(1, 2, 3)
    except TypeError as e:
        print("caught:", e)
total = 0
for i in range(5000):
    total += ranged(i, i)
print(total)
print(ranged(1, 2, 3, 4))
