# Uncaught IndexError: pop from empty list when a hot stack loop pops more than it pushed.
stack = []
pushed = 0
for i in range(20000):
    if i % 3 == 0:
        stack.append(i)
        pushed += 1
    elif stack:
        stack.pop()
print(pushed, len(stack))
while True:
    stack.pop()
