# Uncaught TypeError: unsupported operand type(s) for -, after caught ones for every other binary
# operator with mismatched operand types.
pairs = [("+", 1, None), ("*", None, 2), ("/", "a", 2), ("//", 1, "b"), ("%", [1], 2), ("**", "s", 2),
         ("&", 1.5, 1), ("|", 1, 2.5), ("^", "x", "y"), ("<<", 1, 1.0), (">>", 2.0, 1), ("+", [1], (2,)),
         ("+", 1, "1"), ("*", [1], [2]), ("-", {}, {}), ("/", (1,), 1)]
for op, a, b in pairs:
    try:
        if op == "+":
            a + b
        elif op == "*":
            a * b
        elif op == "/":
            a / b
        elif op == "//":
            a // b
        elif op == "%":
            a % b
        elif op == "**":
            a ** b
        elif op == "&":
            a & b
        elif op == "|":
            a | b
        elif op == "^":
            a ^ b
        elif op == "<<":
            a << b
        elif op == ">>":
            a >> b
        else:
            a - b
    except TypeError as e:
        print(op, "->", e)
price = "10"
print(price - 1)
