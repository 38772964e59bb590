# String indexing with negative indices and slicing with every step form, including out-of-range
# bounds (clamped), empty results, negative steps with and without bounds, and big steps.
s = "abcdefghij"
print(s[0], s[-1], s[-10], s[9], s[len(s) - 1], s[-len(s)])
print(s[2:5], s[:3], s[7:], s[:], s[-3:], s[:-3], s[-5:-2], s[3:3], s[5:2], s[-2:-5])
print(s[::2], s[1::2], s[::3], s[::-1], s[::-2], s[-1::-3], s[8:2:-2], s[2:8:-1], s[-1:-5:-1])
print(s[100:], s[-100:3], s[3:100], s[-100:100], s[100:-100:-1], s[:-100:-1], s[5::-1], s[:5:-1])
print(s[::100], s[::-100], s[1:2:100], s[0:10:9], s[9:0:-9], s[0:-1:4])
print(s[-0], s[0:0], s[-0:])
for step in [1, 2, 3, -1, -2, -4]:
    out = []
    for start in [0, 3, -3, 9, 20, -20]:
        out.append(s[start::step] + "|" + s[:start:step])
    print(step, out)
t = (1, 2, 3, 4, 5)
print(t[::-1], t[1:-1], t[::2], t[-2:], t[10:], t[:-10])
u = [1, 2, 3, 4, 5]
print(u[::-1], u[1:-1:2], u[4:0:-3], u[-1:-6:-1], u[5:], u[::-5])
e = ""
print(e[:], e[::-1], e[5:], len(e[0:0]))
i = -1
while i >= -len(s):
    print(s[i], end="")
    i -= 2
print()
