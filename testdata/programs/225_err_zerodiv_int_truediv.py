# Uncaught ZeroDivisionError: int / 0 says "division by zero" (not "float division by zero"), after
# caught messages for every other zero-division form.
forms = 0
for k in range(6):
    try:
        if k == 0:
            1 // 0
        elif k == 1:
            1 % 0
        elif k == 2:
            1.0 / 0
        elif k == 3:
            1.0 // 0.0
        elif k == 4:
            1.0 % 0
        else:
            0 ** -1
    except ZeroDivisionError as e:
        forms += 1
        print("caught:", e)
print(forms)
def mean(xs):
    return sum(xs) / len(xs)

print(mean([1, 2, 3, 4]))
print(mean([]))
