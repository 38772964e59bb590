# Equality between values of different types never raises (it is just False), while numbers of
# different types compare by value; is/is not with None and bools; != as the negation of ==.
vals = [0, 0.0, False, 1, 1.0, True, "", "0", "1", None, [], (), {}, [0], (0,), [1.0], (True,)]
for a in vals:
    row = ""
    for b in vals:
        row += "1" if a == b else "."
    print(row)
n = 0
for a in vals:
    for b in vals:
        if (a != b) == (not (a == b)):
            n += 1
print(n, len(vals) ** 2)
x = None
print(x is None, x is not None, None == None, None != 0, None == [], None == "", None == False)
print(True is True, False is not True, (1 == 1) is True, (1 == 2) is False, not None is None)
print(1 == 1 == 1.0 == True, "a" == "a" != "b", [1] == [1] != [2], 0 == -0.0 == False)
