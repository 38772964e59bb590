# return inside try/finally: finally runs, a return in finally overrides the try's return (and
# swallows an exception), break/continue inside try/finally in loops, and the order of effects.
log = []
def f1():
    try:
        log.append("try")
        return "from try"
    finally:
        log.append("finally")

print(f1(), log)
def f2():
    try:
        return "try"
    finally:
        return "finally wins"

print(f2())
def f3():
    try:
        1 // 0
    finally:
        return "swallowed"

print(f3())
def f4(xs):
    for x in xs:
        try:
            if x == 3:
                return x * 100
            if x % 2 == 0:
                continue
            if x > 4:
                break
        finally:
            log.append(x)
    return "loop ended"

log = []
print(f4([1, 2, 3, 4]), log)
log = []
print(f4([1, 2, 5, 3]), log)
def f5():
    x = 1
    try:
        return x
    finally:
        x = 2
        log.append(x)

log = []
print(f5(), log)
def f6(n):
    try:
        try:
            if n == 0:
                return "inner return"
            raise ValueError("v" + str(n))
        finally:
            log.append("inner finally " + str(n))
    except ValueError as e:
        return "caught " + str(e)
    finally:
        log.append("outer finally " + str(n))

log = []
print(f6(0), f6(1), log)
total = 0
for i in range(10000):
    try:
        if i % 3 == 0:
            continue
        total += i
    finally:
        total += 1
print(total)
