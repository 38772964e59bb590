# Uncaught TypeError: 'int' object is not callable, when a name holding a function is rebound to an
# int inside a loop; caught before for str, list and None.
for v in ["s", [1], None]:
    try:
        v()
    except TypeError as e:
        print("caught:", e)
def work(x):
    return x + 1

step = work
n = 0
for i in range(10000):
    n = step(n)
    if i == 5000:
        step = n
print(n)
