# Uncaught TypeError: object of type 'float' has no len(), from len() of a value that became a float;
# len works on every container first.
print(len([1, 2]), len((1,)), len("abc"), len({1: 2}), len(range(7)), len(""))
value = [1, 2, 3]
for step in range(3):
    print(step, len(value))
    value = sum(value) / 2 if step == 1 else value + [0]
