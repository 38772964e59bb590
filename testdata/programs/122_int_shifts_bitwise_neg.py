# Shifts and bitwise operators on negative and big ints (two's complement semantics with infinite
# sign extension), including shifts by large counts and results that cross 64 bits.
print(1 << 63, 1 << 64, 1 << 100, -1 << 63, -1 << 64, 3 << 62)
print(2 ** 100 >> 99, 2 ** 100 >> 100, 2 ** 100 >> 101, 2 ** 100 >> 1000)
print(-1 >> 1, -1 >> 100, -2 >> 1, -3 >> 1, -(2 ** 100) >> 3, -(2 ** 100) >> 200)
print((-(2 ** 100) - 1) >> 99, -5 >> 1, -5 // 2)
print(~0, ~(2 ** 64), ~(-(2 ** 64)), ~(2 ** 63 - 1))
print(-(2 ** 70) & 0xFFFF, -(2 ** 70) & (2 ** 71 - 1), (-(2 ** 70)) | 1, (-(2 ** 70)) ^ (2 ** 69))
print(-1 & (2 ** 80 - 1), -1 | 2 ** 80, -1 ^ 2 ** 80, (2 ** 80 + 5) & -8)
print(-12345678901234567890123 & 0xFFFFFFFFFFFFFFFF, -12345678901234567890123 | 0xFF)
print(-12345678901234567890123 ^ -98765432109876543210, -7 & -12, -7 | -12, -7 ^ -12)
print((2 ** 64 - 1) & (2 ** 63), (2 ** 64 - 1) ^ (2 ** 63), 2 ** 64 | 1)
print(0xFF00FF00FF00FF00FF & 0x0FF00FF00FF00FF00F, 0xF0F0 | 0x0F0F0F0F0F0F0F0F0F0F0F)
x = 1
for i in range(70):
    x = (x << 1) ^ (x >> 3)
print(x)
y = -1
for i in range(70):
    y = (y << 1) | (i & 1)
print(y, y >> 69, y & 0xFF)
print(5 << 0, 5 >> 0, 0 >> 5, 1 >> 64, 2 ** 64 >> 64, (2 ** 64 + 1) >> 1)
