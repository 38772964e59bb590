# Precedence of the bitwise operators between themselves and against arithmetic and comparisons:
# shifts bind looser than +/-, & looser than shifts, then ^, then |, then comparisons.
a, b, c, d = 12, 10, 6, 3
print(a | b ^ c & d, (a | b) ^ (c & d), a | (b ^ (c & d)))
print(1 << 2 + 3, (1 << 2) + 3, 1 + 2 << 3, 64 >> 1 + 1, 64 >> 1 - 1)
print(a & b == 8, (a & b) == 8, a | b > 10, a ^ b < 10)
print(a & b | c, a & (b | c), ~a & 0xff, ~(a & 0xff), -a & 0xff)
print(2 * 3 << 1, 2 * (3 << 1), 5 - 1 >> 1, 5 - (1 >> 1))
print(1 | 2 | 4 | 8, 255 & 15 & 7, 5 ^ 3 ^ 6, 0 ^ 0 | 1 & 1)
x = 0b1011
x &= 0b0110
print(x)
x |= 0b1000
print(x)
x ^= 0b1111
print(x)
x <<= 10
print(x)
x >>= 3
print(x)
m = 7
m **= 2
m //= 3
m %= 5
m -= 10
m *= -3
print(m)
f = 10
f /= 4
print(f)
print(True | 2, True & 3, False ^ 1, True << 3, ~True, ~False)
print(-1 & 0xFFFF, -256 >> 4, -1 >> 63, -1 << 4, 1 << 0, 0 << 100)
