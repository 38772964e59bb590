# Precedence of not/and/or against comparisons, nested conditional expressions (right-associative),
# and comparison chains that mix ==, <, in and is.
a, b, c = 1, 2, 3
print(not a == b, not (a == b), (not a) == b, not a < b < c)
print(not a, not b - 2, not not b, not "", not [], not None)
print(a if b else c if False else 99)
print(a if False else c if False else 99)
print(a if False else (c if True else 99))
print((a if b > c else b) if c > b else c)
print("x" if a < b < c else "y", "x" if a < b > c else "y")
print(1 if 0 else 2 if 0 else 3 if 0 else 4)
print(a == 1 and b == 2 or c == 99, a == 0 or b == 0 and c == 3)
print(not a == 1 or b == 2, not (a == 1 or b == 2))
print(1 < 2 == 2, 1 < 2 == 3, 3 > 2 > 1 > 0, 3 > 2 > 2 > 0)
print(1 in [1] == True, (1 in [1]) == True, 1 in [1] in [[1]])
print(None is None is not False, 2 not in [1, 3] == True)
print(1 == 1.0 == True, 0 == False is False, "a" < "b" < "c" <= "c")
print(a < b and b < c or not a, a + b == c, a + b < c * a)
x = 5
y = 0 if x < 0 else 1 if x < 10 else 2
print(y)
z = x > 3 and "big" or "small"
print(z)
w = not x > 3 and "big" or "small"
print(w)
print(- a < b, -(a < b), ~a < -a, a ** 2 == a * a == 1)
print([1, 2] == [1, 2] != [2, 1], (1, 2) < (1, 3) < (2,))
