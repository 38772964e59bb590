# Functions are values: stored in lists and dicts, passed as arguments, returned from functions,
# rebound to other names, compared with is/==, and builtins used the same way.
def inc(x):
    return x + 1

def dbl(x):
    return x * 2

def neg(x):
    return -x

def compose_apply(fs, x):
    for f in fs:
        x = f(x)
    return x

print(compose_apply([inc, dbl, neg], 5), compose_apply([neg, dbl, inc], 5), compose_apply([], 5))
table = {"inc": inc, "dbl": dbl, "len": len, "abs": abs, "str": str}
for name in ["inc", "dbl", "abs"]:
    print(name, table[name](-4))
print(table["len"]("four"), table["str"](4) + "!")
def choose(op):
    if op == "+":
        return inc
    return dbl

print(choose("+")(10), choose("*")(10))
alias = inc
inc = dbl
print(alias(3), inc(3), alias is dbl, inc is dbl, alias == alias)
funcs = [alias, dbl, neg, abs]
results = []
for f in funcs:
    results.append(f(-7))
print(results)
def apply_n(f, n, x):
    i = 0
    while i < n:
        x = f(x)
        i += 1
    return x

print(apply_n(alias, 10000, 0), apply_n(dbl, 70, 1), apply_n(neg, 5, 3))
def pick_max(xs, key):
    best = xs[0]
    for x in xs:
        if key(x) > key(best):
            best = x
    return best

print(pick_max(["aa", "b", "cccc", "dd"], len), pick_max([3, -9, 4], abs), pick_max([3, -9, 4], neg))
ops = [inc, dbl]
s = 0
for i in range(20000):
    s = ops[i % 2](s) % 1000003
print(s)
print(sorted([-3, 1, -2], key=neg), min(-1, -5))
