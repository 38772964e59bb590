# Uncaught NameError with no close name to suggest, raised inside a function called from a loop
# after many successful iterations.
def compute(i):
    if i == 777:
        return i * undefined_scaling_factor_xyz
    return i * 2

s = 0
for i in range(1000):
    s += compute(i)
print(s)
