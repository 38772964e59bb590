# Uncaught RecursionError from unbounded mutual recursion, after a caught RecursionError and a deep
# but bounded mutual recursion that succeeds.
def ping(n):
    if n == 0:
        return "done"
    return pong(n - 1)

def pong(n):
    return ping(n)

print(ping(400))
try:
    ping(5000)
except RecursionError as e:
    print("caught:", e)
def a(n):
    return b(n + 1)

def b(n):
    return a(n + 1)

print(a(0))
