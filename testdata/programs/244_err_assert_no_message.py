# Uncaught AssertionError without a message: the last stderr line is just "AssertionError".
def invariant(xs):
    assert len(xs) < 5
    return len(xs)

xs = []
for i in range(10):
    xs.append(i)
    print(invariant(xs))
