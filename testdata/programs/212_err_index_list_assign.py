# Uncaught IndexError: list assignment index out of range, after caught ones for pop on an empty
# list, pop with a bad index, and reading past the end.
xs = [1, 2, 3]
for k in range(3):
    try:
        if k == 0:
            [].pop()
        elif k == 1:
            xs.pop(3)
        else:
            xs[-4]
    except IndexError as e:
        print("caught:", e)
xs[-3] = 10
print(xs)
buf = [0] * 5
for i in range(6):
    buf[i] = i * i
print(buf)
