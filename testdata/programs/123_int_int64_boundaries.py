# Arithmetic right at the 64-bit boundaries, where an unboxed int must promote to a big int:
# +, -, *, negation, abs, // and % of -2**63, and results that come back into the small range.
MAX = 2 ** 63 - 1
MIN = -(2 ** 63)
print(MAX, MIN, MAX + 1, MIN - 1, MAX + MAX, MIN + MIN, MIN - MAX)
print(-MIN, abs(MIN), abs(MIN) - 1 == MAX, -MAX - 1 == MIN, -(MIN + 1))
print(MIN * -1, MIN // -1, MIN % -1, MIN * 1, MIN // 1, MIN * 2, MAX * 2, MAX * MAX)
print(MAX * -1, MIN * MIN, MIN * MAX, (MAX + 1) * (MIN - 1))
print(MAX + 1 - 1 == MAX, (MAX + 1) - 2, (MIN - 1) + 2, (MAX + 10) // 2, (MIN - 10) // 2)
print(4294967296 * 4294967296, 4294967295 * 4294967297, 3037000500 * 3037000500, 3037000499 * 3037000499)
print(-4294967296 * 4294967296, 2 ** 32 * -(2 ** 31), 2 ** 62 * 2, 2 ** 62 * -2)
print(2 ** 63 - 2 ** 62, 2 ** 64 - 2 ** 63 - 1, -(2 ** 64) + 2 ** 63)
x = MAX
x += 1
print(x, x - 1)
y = MIN
y -= 1
print(y, y + 1)
z = 1
for i in range(64):
    z = z * 2
print(z, z - 1, z // 2, -z, -z // 2)
w = MAX
w *= 3
w //= 3
print(w == MAX, w)
print(MIN ** 1, MIN ** 2, (-1) * MIN, 0 - MIN, MIN - 0, MIN < MAX, MIN == -MAX - 1)
print(MAX // -1, MAX % -1, MIN // 2, MIN % 3, MIN // -3, MIN % -3)
print(str(MIN), str(MAX + 1), int(str(MIN)) == MIN, int("-9223372036854775809"), int("9223372036854775808"))
