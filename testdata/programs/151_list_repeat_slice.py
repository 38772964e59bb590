# List repetition (including of nested lists, which shares the inner list), slicing copies,
# negative indexing, and slices of slices.
z = [0] * 5
z[2] = 7
print(z, [0] * 0, [1, 2] * -1, [None] * 3, [1, 2] * 2, 2 * [3], [] * 10)
grid = [[0] * 3] * 2
grid[0][0] = 1
print(grid, grid[0] is grid[1])
rows = []
for i in range(2):
    rows.append([0] * 3)
rows[0][0] = 1
print(rows)
a = [1, 2, 3, 4, 5]
b = a[:]
b[0] = 99
print(a, b, a[1:3], a[-2:], a[::-1], a[::2][::-1], a[1:][1:][1:])
print(a[-1], a[-5], a[len(a) - 1], a[2:2], a[4:1], a[-1:-4:-1], a[1:-1][::2])
c = a[1:4]
c.append(100)
print(a, c)
t = ["x"] * 3
t += ["y"]
t *= 2
print(t, len(t))
big = [7] * 10000
print(len(big), sum(big), big[-1], big[5000:5003])
