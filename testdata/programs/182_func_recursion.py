# Recursion: fib (naive and accumulating), small Ackermann values, recursive list flattening,
# permutations, power set by recursion, gcd, and recursion returning tuples.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

print(fib(0), fib(1), fib(10), fib(20))
def fib_acc(n, a=0, b=1):
    if n == 0:
        return a
    return fib_acc(n - 1, b, a + b)

print(fib_acc(90), fib_acc(300))
def ack(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ack(m - 1, 1)
    return ack(m - 1, ack(m, n - 1))

print(ack(0, 0), ack(1, 2), ack(2, 3), ack(3, 3))
def flatten(x):
    if not isinstance(x, list):
        return [x]
    out = []
    for item in x:
        out.extend(flatten(item))
    return out

print(flatten([1, [2, [3, [4, []]], 5], [[6]], 7]))
def perms(xs):
    if len(xs) <= 1:
        return [xs]
    res = []
    for i in range(len(xs)):
        rest = xs[:i] + xs[i + 1:]
        for p in perms(rest):
            res.append([xs[i]] + p)
    return res

ps = perms([1, 2, 3, 4])
print(len(ps), ps[:3], ps[-1])
def subsets(xs):
    if not xs:
        return [[]]
    rest = subsets(xs[1:])
    out = []
    for s in rest:
        out.append(s)
        out.append([xs[0]] + s)
    return out

print(sorted(subsets([1, 2, 3])))
def gcd(a, b):
    if b == 0:
        return a
    return gcd(b, a % b)

print(gcd(1071, 462), gcd(2 ** 100, 6 ** 40), gcd(17, 0))
def divmod_rec(a, b):
    if a < b:
        return 0, a
    q, r = divmod_rec(a - b, b)
    return q + 1, r

print(divmod_rec(100, 7), divmod_rec(3, 5))
def hanoi(n, src, dst, via, moves):
    if n == 0:
        return moves
    hanoi(n - 1, src, via, dst, moves)
    moves.append(src + dst)
    hanoi(n - 1, via, dst, src, moves)
    return moves

m = hanoi(10, "A", "C", "B", [])
print(len(m), m[:5], m[-1])
def depth_sum(n):
    if n == 0:
        return 0
    return n + depth_sum(n - 1)

print(depth_sum(900))
