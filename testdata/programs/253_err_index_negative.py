# Uncaught IndexError from a negative index below -len, in a loop that walks backwards one step too far.
xs = [5, 6, 7, 8]
i = -1
acc = []
while True:
    acc.append(xs[i])
    print(acc)
    i -= 1
