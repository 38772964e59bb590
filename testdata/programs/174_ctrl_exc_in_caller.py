# Exceptions propagate through several frames to the nearest handler; frames in between stop
# executing (their finally blocks run); the handler can be in a loop and the loop continues.
trace = []
def leaf(x):
    trace.append("leaf " + str(x))
    if x % 3 == 0:
        raise ValueError("bad " + str(x))
    return 10 // (x % 4)

def middle(x):
    try:
        r = leaf(x) + 1
        trace.append("middle got " + str(r))
        return r
    finally:
        trace.append("middle finally " + str(x))

def top(x):
    v = middle(x)
    trace.append("top after middle")
    return v * 2

results = []
for x in range(1, 9):
    trace = []
    try:
        results.append(top(x))
    except ValueError as e:
        results.append("V:" + str(e))
    except ZeroDivisionError as e:
        results.append("Z:" + str(e))
    print(x, trace)
print(results)
def depth(n):
    if n == 0:
        raise KeyError(n)
    return depth(n - 1)

try:
    depth(50)
except KeyError as e:
    print("from depth 50:", e)
caught = 0
for i in range(5000):
    try:
        top(i)
    except ValueError:
        caught += 1
    except ZeroDivisionError:
        caught += 100
print(caught)
