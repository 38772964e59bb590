# Floor division and modulo round toward negative infinity for every sign combination, for small
# ints, values around 2**63 and big ints, and the identity a == (a // b) * b + a % b.
pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 3), (0, -3), (6, 3), (-6, 3), (6, -3), (1, 10), (-1, 10)]
for a, b in pairs:
    print(a, b, a // b, a % b, a / b, (a // b) * b + a % b == a)
big = [2 ** 63, -(2 ** 63), 2 ** 63 - 1, 10 ** 30 + 7, -(10 ** 30) - 7]
small = [1, -1, 2, -2, 7, -7, 2 ** 32, -(2 ** 32), 10 ** 20, -(10 ** 20)]
for a in big:
    for b in small:
        q = a // b
        r = a % b
        ok = q * b + r == a and (r == 0 or (r < 0) == (b < 0)) and abs(r) < abs(b)
        print(q, r, ok)
print(-(2 ** 63) // -1, -(2 ** 63) % -1, (-(2 ** 63)) * -1, -(2 ** 63) // 1)
print(-9223372036854775808 // -1, -9223372036854775807 - 1)
x = 5
x //= -2
y = -5
y %= 3
print(x, y)
print(-1 // 2 ** 70, 1 // -(2 ** 70), -1 % 2 ** 70, 1 % -(2 ** 70))
