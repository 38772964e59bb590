# Lexing: comments everywhere (end of line, own line at any indentation, inside brackets), blank
# lines with spaces, backslash continuation, and implicit line joining in (), [] and {}.
x = 1  # trailing comment
# a comment line
    # an indented comment line is fine
y = 2 + \
    3
print(x, y)   # comment after a call
total = 1 + \
        2 + \
        3
print(total)
if x == 1 and \
   y == 5:
    print("continued condition")
    # comment inside a block at the block's indentation
        # comment deeper than the block

    print("after a blank line inside the block")
values = [
    1,  # one
    2,  # two
    # no element here
    3,
]
print(values)
pairs = {
    "a": 1,
    "b":
        2,
}
print(pairs)
t = (
    10
    +
    20
)
print(t)
def f(a,
      b=2,
      # comment between parameters
      c=3):
    return a + b + c
print(f(1,
        10), f(
    1))
s = "#not a comment"  # but this is
print(s)
print(len("# hash"), "a#b".split("#"))
nested = [[1,
           2], [3,
                4]]
print(nested)
z = (1 +
     2) * \
    3
print(z)
trailing = [1, 2, 3,]
print(trailing, (1,), (1, 2,))
def g(): # comment after colon
    return "g"
print(g())
# the final comment
