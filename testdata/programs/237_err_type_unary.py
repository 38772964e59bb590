# Uncaught TypeError: bad operand type for unary -: 'list'; unary ops on bools and floats work.
print(-True, +False, ~True, -1.5, +2.5, -(-3), not [])
try:
    ~"s"
except TypeError as e:
    print("caught:", e)
xs = [1, 2]
print(-xs)
