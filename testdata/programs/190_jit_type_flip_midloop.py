# JIT-shaped: hot loops whose variables change type part-way (int -> float -> int, int -> str,
# None -> int), so a trace specialised for the first type must deoptimise correctly.
def run(n, flip):
    x = 0
    for i in range(n):
        if i == flip:
            x = float(x)
        if i == 2 * flip:
            x = int(x)
        x = x + i % 7
    return x

print(run(30000, 10000), run(30000, 20000), run(30000, 40000))
acc = None
for i in range(20000):
    if acc is None:
        acc = 0
    acc += i
    if i == 15000:
        acc = str(acc)
        print("became str:", acc)
        acc = len(acc)
print(acc)
vals = [1, 2, 3]
t = 0
for i in range(40000):
    if i == 25000:
        vals[1] = 2.5
    if i == 35000:
        vals[1] = 10 ** 19
    t += vals[i % 3]
print(t)
s = 0
for i in range(30000):
    v = i if i < 10000 else (i * 0.5 if i < 20000 else True)
    s += v
print(s)
label = 0
for i in range(20000):
    if i < 19990:
        label = label + 1
    else:
        label = str(label) + "x"
print(label)
def norm(v):
    if isinstance(v, float):
        return int(v * 2)
    if isinstance(v, str):
        return len(v)
    return v

tot = 0
items = [3, 1.5, "abcd", True, 2 ** 65]
for i in range(50000):
    tot += norm(items[i % 5])
print(tot)
