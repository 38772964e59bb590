# Uncaught IndexError: tuple index out of range from a function returning a short tuple.
def pair(x):
    if x > 5:
        return (x,)
    return (x, x * 2)

total = 0
for i in range(6):
    p = pair(i)
    total += p[0] + p[1]
print(total)
try:
    ()[0]
except IndexError as e:
    print("caught:", e)
p = pair(9)
print(p[0], p[-1])
print(p[1])
