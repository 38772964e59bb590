# Uncaught IndexError: range object index out of range, after valid negative indexing of ranges.
r = range(0, 30, 3)
print(r[0], r[-1], r[9], r[-10], len(r))
try:
    r[-11]
except IndexError as e:
    print("caught:", e)
e = range(5, 5)
print(len(e))
print(e[0])
