# Uncaught TypeError from a builtin called with the wrong number of arguments, after caught ones
# for len, abs, list.append, isinstance, and a wrong-typed argument to len.
checks = 0
for k in range(5):
    try:
        if k == 0:
            len()
        elif k == 1:
            abs(1, 2)
        elif k == 2:
            [].append()
        elif k == 3:
            isinstance(1)
        else:
            len(5)
    except TypeError as e:
        checks += 1
        print("caught:", e)
print(checks)
print(len([1, 2], [3]))
