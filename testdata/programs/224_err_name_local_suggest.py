# Uncaught NameError suggesting a local variable of the failing function: 'totl' -> 'total'.
def summarize(items):
    total = 0
    count = 0
    for it in items:
        total += it
        count += 1
    return totl / count

print("start")
print(summarize([1, 2, 3]))
