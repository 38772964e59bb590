# The global statement: assigning module variables from functions, reading globals without it,
# a local that shadows a global, globals created by a function, and global counters in hot loops.
counter = 0
name = "module"
def bump(n):
    global counter
    counter += n
    return counter

def shadow():
    name = "local"
    return name

def read_only():
    return name + "!" + str(counter)

def create():
    global created
    created = [1, 2]

print(bump(1), bump(2), counter, shadow(), name, read_only())
create()
print(created)
created.append(3)
print(created)
def reset():
    global counter, name
    counter = 0
    name = "reset"

reset()
print(counter, name)
for i in range(50000):
    bump(i % 3)
print(counter)
total = 0
def add_to_total(x):
    global total
    if x % 2:
        total += x
    else:
        total -= x // 2

for i in range(30000):
    add_to_total(i)
print(total)
def swap_globals():
    global a, b
    a, b = b, a

a, b = "first", "second"
swap_globals()
print(a, b)
x = 5
def uses_before_global_assignment():
    global x
    y = x
    x = y * 2
    return y

print(uses_before_global_assignment(), x)
