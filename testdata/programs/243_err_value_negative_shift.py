# Uncaught ValueError: negative shift count, for << with a computed negative count; >> and << with
# non-negative counts on small and big ints work.
for k in [0, 1, 63, 64, 100]:
    print(k, 1 << k, (2 ** 100) >> k, -1 << k)
try:
    8 >> -1
except ValueError as e:
    print("caught:", e)
n = 5
while True:
    print(n, 3 << n)
    n -= 2
