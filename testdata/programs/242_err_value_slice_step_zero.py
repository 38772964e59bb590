# Uncaught ValueError: slice step cannot be zero, when a computed step reaches 0; negative and
# positive steps before it work on strings, lists and tuples.
s = "abcdefgh"
xs = [1, 2, 3, 4, 5, 6]
for step in [3, 2, 1, -1, -2, 0]:
    print(step, s[::step], xs[1::step], (1, 2, 3)[::step])
