# str() and print of large ints (below CPython's 4300-digit limit), and round trips through int().
a = 2 ** 10000
s = str(a)
print(len(s), s[:20], s[-20:])
b = 3 ** 8000
t = str(b)
print(len(t), t[:15], t[-15:], int(t) == b)
c = -(7 ** 3000)
u = str(c)
print(len(u), u[:12], u[-12:])
print(10 ** 4299 == int("1" + "0" * 4299), len(str(10 ** 4299 - 1)))
f = 1
for i in range(2, 500):
    f *= i
fs = str(f)
zeros = 0
i = len(fs) - 1
while fs[i] == "0":
    zeros += 1
    i -= 1
print(len(fs), zeros, fs[:30])
print(2 ** 200)
print(-(2 ** 200))
print([2 ** 70, -(2 ** 70)], (10 ** 25,), {10 ** 20: -(10 ** 20)})
x = 1
for i in range(60):
    x = x * 1000 + i
print(x)
print(str(x)[::10])
