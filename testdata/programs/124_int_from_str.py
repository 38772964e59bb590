# int(str) edge cases: signs, surrounding whitespace, underscores between digits, leading zeros,
# big values; and int() of floats, bools, ints; the ValueError messages of rejected strings.
print(int("0"), int("-0"), int("+7"), int("  42  "), int("\t-13\n"), int("007"), int("000"))
print(int("1_000"), int("1_2_3"), int("99999999999999999999999"), int("-99999999999999999999999"))
print(int(" +1_0 "), int("9223372036854775807"), int("-9223372036854775808"))
print(int(3.99), int(-3.99), int(True), int(False), int(10 ** 20), int(-0.0), int(1e20), int(1.5e-10))
print(int(), int(7))
bad = ["", " ", "1.5", "1e3", "0x10", "1__0", "_1", "1_", "--1", "+-1", "abc", "1 2", "12a", "0b101"]
for s in bad:
    try:
        print(s, "->", int(s))
    except ValueError as e:
        print("ValueError:", e)
digits = "1234567890" * 30
n = int(digits)
print(len(str(n)), n % 97, str(n) == digits)
print(int("-" + digits) == -n, int("0" * 50 + "5"))
