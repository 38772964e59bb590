# Uncaught KeyError with a tuple key: the message is the repr of the tuple, here KeyError: (1, 1).
grid = {}
for x in range(3):
    for y in range(3):
        if x != y:
            grid[(x, y)] = x * 3 + y
print(len(grid), grid[(0, 1)], grid[(2, 1)])
try:
    grid[(0, 0)]
except KeyError as e:
    print("caught:", e)
print(grid.get((1, 1), "diagonal"))
print(grid[(1, 2)] + grid[(1, 1 + 1)])
k = (1, 2)
print(grid[k])
k = (1, 1)
print(grid[k])
