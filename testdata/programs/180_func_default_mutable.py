# Default values are evaluated once, at def time: a mutable default list/dict is shared across calls,
# a default captured from a global keeps the old value, and None-sentinel defaults give fresh lists.
def append_to(x, acc=[]):
    acc.append(x)
    return acc

print(append_to(1), append_to(2), append_to(3, []), append_to(4))
a = append_to(5)
b = append_to(6)
print(a is b, a)
def memo(n, cache={}):
    if n in cache:
        return cache[n]
    r = n if n < 2 else memo(n - 1) + memo(n - 2)
    cache[n] = r
    return r

print(memo(80), memo(10), memo(90))
LIMIT = 10
def capped(x, limit=LIMIT):
    return min(x, limit)

LIMIT = 100
print(capped(50), capped(50, LIMIT), LIMIT)
def fresh(x, acc=None):
    if acc is None:
        acc = []
    acc.append(x)
    return acc

print(fresh(1), fresh(2), fresh(3, [0]))
def counter(step=1, state=[0]):
    state[0] += step
    return state[0]

for i in range(5):
    counter()
print(counter(10), counter(), counter(step=-16))
def tuple_default(t=(1, 2)):
    t = t + (3,)
    return t

print(tuple_default(), tuple_default(), tuple_default((9,)))
