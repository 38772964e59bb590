# Uncaught ValueError: int() of a string with a decimal point read from a list of records, after
# conversions that succeed (whitespace, sign, underscores).
records = ["10", " 20 ", "-5", "+3", "1_000", "7.5", "8"]
total = 0
for r in records:
    total += int(r)
    print(r.strip(), total)
