# Uncaught TypeError: 'NoneType' object is not subscriptable, from indexing the result of a function
# that returned None; caught before for int, float and a function object.
def f():
    return 1

for v in [5, 2.5, f]:
    try:
        v[0]
    except TypeError as e:
        print("caught:", e)
def find(xs, t):
    for x in xs:
        if x[0] == t:
            return x

print(find([("a", 1), ("b", 2)], "b")[1])
print(find([("a", 1), ("b", 2)], "c")[1])
