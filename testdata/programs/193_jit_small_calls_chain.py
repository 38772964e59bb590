# JIT-shaped: a hot loop calling a chain of small functions (inlining candidates) with default
# arguments, keyword arguments, multiple returns and a callee that sometimes takes another path.
def sq(x):
    return x * x

def add(a, b=1):
    return a + b

def step(x, k):
    if k % 1000 == 999:
        return add(x, b=-sq(k % 10))
    return add(sq(k % 10), x) % 1000003

def clamp(v, lo=0, hi=100):
    if v < lo:
        return lo
    if v > hi:
        return hi
    return v

x = 0
for k in range(60000):
    x = step(x, k)
print(x)
c = 0
for i in range(40000):
    c += clamp(i % 250 - 75)
    c += clamp(i % 50, hi=20)
    c += clamp(lo=-5, v=-(i % 9), hi=5)
print(c)
def swap(a, b):
    return b, a

p, q = 1, 2
for i in range(30001):
    p, q = swap(p, q + i % 3)
print(p, q)
def fact(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r

t = 0
for i in range(3000):
    t += fact(i % 25) % 1000
print(t)
def kind(v):
    if v % 3 == 0:
        return "fizz"
    return v

fizz = 0
nums = 0
for i in range(30000):
    r = kind(i)
    if r == "fizz":
        fizz += 1
    else:
        nums += r
print(fizz, nums)
