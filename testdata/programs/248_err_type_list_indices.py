# Uncaught TypeError: list indices must be integers or slices, not float, from an index computed with
# /; caught before: a str index into a list, a float index into a string, a bool index that works.
xs = [10, 20, 30, 40]
print(xs[True], xs[False], "abc"[True], xs[-1])
k = "1"
try:
    xs[k]
except TypeError as e:
    print("caught:", e)
s = "abc"
f = 1.0
try:
    s[f]
except TypeError as e:
    print("caught:", e)
t = (1, 2)
try:
    t[None]
except TypeError as e:
    print("caught:", e)
mid = len(xs) / 2
print(xs[mid])
