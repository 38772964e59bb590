# and/or return one of their operands (not a bool), with every kind of falsy value.
print(0 or [], [] or 0, "" or "x", None or 0, 0.0 or None, () or "t")
print(1 and 2, 0 and 2, [] and 1, [1] and [2], "a" and "", None and 1/0)
print(0 or 0.0 or "" or None or [] or () or {} or "last")
print(1 and "a" and [1] and (1,) and {1: 2} and 3.5)
print(False or True, True and False, False and 1/0, True or 1/0)
print(bool(0 or []), bool(1 and "x"), not (0 or ""), (0 or "") == "")
x = None
y = x or "default"
print(y)
z = [] or [1, 2]
z.append(3)
print(z)
print(0 == 0 and "eq", 0 != 0 and "ne", -0.0 or "negzero", "" if False else "no")
print((1 or 2) + (0 or 3), (0 and 1) + 5, (2 and 0) == 0)
vals = [0, 1, "", "s", None, [], [0], 0.0, 0.5, (), (0,), {}, {0: 0}, False, True]
for a in vals:
    print(a or "F", a and "T")
