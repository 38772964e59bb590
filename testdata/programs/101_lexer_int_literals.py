# Lexing of integer literals: decimal, hex/octal/binary in both letter cases, underscores
# (also right after the base prefix), zero forms, big literals, and unary signs in front of them.
print(0, 00, 0_0, 000)
print(0x0, 0xff, 0XFF, 0xDeadBeef, 0x_ff, 0x7fff_ffff_ffff_ffff)
print(0o0, 0o17, 0O777, 0o_7_7)
print(0b0, 0b101, 0B1111_0000, 0b_1)
print(1_000_000, 1_0, 12_34_56)
print(123456789012345678901234567890)
print(0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF)
print(0o7777777777777777777777777)
print(0b1000000000000000000000000000000000000000000000000000000000000000)
print(9223372036854775807, 9223372036854775808, -9223372036854775808, -9223372036854775809)
print(18446744073709551615, 18446744073709551616)
print(-0x10, +0o10, - -0b10, -+-5)
x = 0xff+0o7-0b1
print(x)
print(0x10*2, 0o10//3, 0b11**3)
print(1_0 + 0x_1 + 0o_1 + 0b_1)
print(isinstance(0x10, int), isinstance(1_000, int))
print(0 == 00 == 0x0 == 0o0 == 0b0)
big = 1_000_000_000_000_000_000_000
print(big, big + 1, -big)
