# Keyword arguments: passing parameters by name in any order, mixing positional and keyword,
# overriding some defaults and keeping others, keyword arguments to builtins (print, sorted, sort).
def describe(name, age=0, city="nowhere", tag=None):
    return name + "/" + str(age) + "/" + city + "/" + str(tag)

print(describe("ann"))
print(describe("bob", 30))
print(describe("cy", city="oslo"))
print(describe(city="rome", name="dee"))
print(describe("eve", tag=[1], age=5))
print(describe("fay", 1, "lima", tag="t"))
print(describe(name="gus", age=2, city="x", tag=0))
def power(base, exp=2):
    return base ** exp

print(power(3), power(3, 3), power(exp=0, base=5), power(2, exp=10), power(base=-2))
def pick(a, b, c):
    return str(a) + str(b) + str(c)

print(pick(1, 2, 3), pick(1, c=3, b=2), pick(c=1, b=2, a=3), pick(1, 2, c=None))
print("a", "b", sep="-", end="!\n")
print("x", end="", sep="?")
print(end="")
print()
print(sorted([3, 1, 2], reverse=True), sorted(["bb", "a"], key=len), sorted([1, -2], key=abs, reverse=True))
xs = [5, 2, 8]
xs.sort(reverse=True)
print(xs)
def apply(f, x, times=1):
    for i in range(times):
        x = f(x)
    return x

def double(v):
    return v * 2

print(apply(double, 1), apply(double, 1, times=10), apply(times=3, x=2, f=double))
total = 0
for i in range(20000):
    total += power(i % 7, exp=i % 3)
print(total)
