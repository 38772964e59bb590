# Uncaught error three calls deep inside a hot loop: after 40000 good iterations, the innermost
# function indexes past the end of a table; the traceback has one frame per level.
table = []
for i in range(1000):
    table.append(i * i % 1009)

def inner(i):
    return table[i // 40]

def middle(i):
    return inner(i) + 1

def outer(i):
    return middle(i) * 2

total = 0
for i in range(50000):
    total += outer(i)
    if i % 10000 == 0:
        print(i, total)
print(total)
