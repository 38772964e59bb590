# Uncaught TypeError: a user function called with two required positional arguments missing
# (after caught variants with one missing and with keyword-only calls).
def volume(w, h, d):
    return w * h * d

def greet(name, greeting="hi"):
    return greeting + " " + name

print(volume(1, 2, 3), greet("ann"))
try:
    volume(1, 2)
except TypeError as e:
    print("caught:", e)
try:
    greet()
except TypeError as e:
    print("caught:", e)
try:
    volume(h=1)
except TypeError as e:
    print("caught:", e)
try:
    volume()
except TypeError as e:
    print("caught:", e)
print(volume(4))
