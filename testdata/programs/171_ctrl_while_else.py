# while-else with break inside nested ifs, while loops whose condition changes type, and loop
# variables that keep their last value after the loop.
def search(xs, target):
    i = 0
    while i < len(xs):
        if xs[i] == target:
            print("hit at", i)
            break
        i += 1
    else:
        print("miss", target)
        return -1
    return i

print(search([4, 5, 6], 5), search([4, 5, 6], 7), search([], 1))
n = 27
steps = 0
while n != 1:
    if n % 2:
        n = 3 * n + 1
    else:
        n //= 2
    steps += 1
else:
    print("collatz steps", steps)
x = 10
while x:
    x -= 3 if x > 2 else x
print(x)
s = "abc"
while s:
    print(s)
    s = s[1:]
xs = [1, 2, 3]
while xs:
    xs.pop()
else:
    print("drained", xs)
a, b = 0, 1
while b < 1000:
    a, b = b, a + b
print(a, b)
outer = 0
while outer < 3:
    inner = 0
    while True:
        inner += 1
        if inner == outer + 2:
            break
    else:
        print("unreachable")
    print("outer", outer, "inner", inner)
    outer += 1
else:
    print("outer else")
