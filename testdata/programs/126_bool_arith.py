# bool is an int subclass: arithmetic gives ints, bitwise ops between bools stay bools, and bools are
# equal to 0/1 as values and as dict keys.
print(True + True, True - True, True * 3, True / 2, True // 1, True % 2, True ** 2, -True, +True)
print(True & True, True & False, True | False, False | False, True ^ True, True ^ False)
print(True & 3, 2 | True, True ^ 3, ~True, ~False, True << 1, True >> 1)
print(isinstance(True, int), isinstance(1, bool), isinstance(True, bool))
print(True == 1, False == 0, True == 1.0, True is True, True is not False)
print(sum([True, True, False, True]), max(True, 0), min(False, -1), abs(True), abs(False))
print(str(True), str(False), int(True), float(True), bool(2), bool(-1), bool(0.0), bool("False"))
d = {True: "t", 1: "one", 1.0: "float one", False: "f", 0: "zero"}
print(d, len(d))
print([True, False] * 2, (True,) + (False,), True in [1], 0 in [False])
x = True
x += 1
print(x, isinstance(x, bool))
y = False
y |= True
print(y, isinstance(y, bool))
z = True
z &= 5
print(z)
print(round(True), round(True, 2), True > False, False < -0.5, sorted([True, False, 0, 1, -1]))
print(10 * (3 > 2), "x" * True + "y" * False, [1, 2, 3][True], (5 > 3) + (2 > 1))
