# Uncaught UnboundLocalError: a local assigned only inside a loop body that never ran, read after
# the loop; and a caught one where a local shadows a global that is read before assignment.
g = 10
def shadows():
    y = g + 1
    g = 5
    return y

try:
    shadows()
except UnboundLocalError as e:
    print("caught:", e)
def last_item(xs):
    for x in xs:
        item = x
    return item

print(last_item([1, 2, 3]))
print(last_item([]))
