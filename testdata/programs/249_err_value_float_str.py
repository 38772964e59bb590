# Uncaught ValueError: could not convert string to float: '3,5' (a decimal comma), after parsing a
# column of valid float strings including inf, nan and exponents.
col = ["1.5", " -2 ", "1e3", "inf", "-nan", ".25", "3,5", "4"]
total = 0.0
for s in col:
    v = float(s)
    if v == v:
        total += v
    print(s.strip(), v, total)
