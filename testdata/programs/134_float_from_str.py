# float(str): every accepted form (signs, whitespace, exponents, underscores, inf/nan spellings in
# any case, overflow to inf, underflow to 0), and the ValueError message for rejected strings.
for s in ["1", "1.", ".5", "-.5", "+1.5", "  2.5  ", "\n3\t", "1e5", "1E-5", "1e+5", "-0", "-0.0",
          "1_000.5", "1e1_0", "inf", "-inf", "+inf", "Infinity", "-INFINITY", "iNf", "nan", "-nan",
          "NaN", "1e500", "-1e500", "1e-400", "0.1", "00012.5000", "9007199254740993",
          "2.2250738585072011e-308", "4.9e-324", "2.4e-324", "2.5e-324", "123456789012345678901234567890"]:
    print(s.strip(), "->", float(s))
for s in ["", " ", "1.5.2", "e5", "1e", "1_", "_1", "1__0", "0x10", "in f", "nanx", "1,5", "--1", "1 2"]:
    try:
        print(float(s))
    except ValueError as e:
        print("ValueError:", e)
print(float(1.5), float(-0.0), float("  -0  "))
