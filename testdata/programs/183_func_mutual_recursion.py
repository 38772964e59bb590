# Mutual recursion between module-level functions defined in either order, including a function
# referring to one defined later, and an expression evaluator implemented by mutual recursion.
def is_even(n):
    if n == 0:
        return True
    return is_odd(n - 1)

def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)

print(is_even(10), is_odd(10), is_even(7), is_odd(7), is_even(500))
def hofstadter_f(n):
    if n == 0:
        return 1
    return n - hofstadter_m(hofstadter_f(n - 1))

def hofstadter_m(n):
    if n == 0:
        return 0
    return n - hofstadter_f(hofstadter_m(n - 1))

fs = []
ms = []
for i in range(20):
    fs.append(hofstadter_f(i))
    ms.append(hofstadter_m(i))
print(fs)
print(ms)
pos = 0
def parse_expr(toks):
    global pos
    v = parse_term(toks)
    while pos < len(toks) and toks[pos] in "+-":
        op = toks[pos]
        pos += 1
        r = parse_term(toks)
        v = v + r if op == "+" else v - r
    return v

def parse_term(toks):
    global pos
    v = parse_atom(toks)
    while pos < len(toks) and toks[pos] in "*/":
        op = toks[pos]
        pos += 1
        r = parse_atom(toks)
        v = v * r if op == "*" else v // r
    return v

def parse_atom(toks):
    global pos
    t = toks[pos]
    pos += 1
    if t == "(":
        v = parse_expr(toks)
        pos += 1
        return v
    if t == "-":
        return -parse_atom(toks)
    return int(t)

for src in ["1 + 2 * 3", "( 1 + 2 ) * 3", "2 * ( 3 + 4 ) * 5 - 6 / 2", "- ( 4 - 10 ) * - 2", "7 / 2 - 8 / 3"]:
    pos = 0
    print(src, "=", parse_expr(src.split()))
