# Uncaught TypeError: can't multiply sequence by non-int of type 'float', when a repeat count computed
# with / (always a float) is used; // works.
width = 10
print("=" * (width // 2), [0] * (width // 5), (1,) * 2, "ab" * True)
try:
    [1] * "2"
except TypeError as e:
    print("caught:", e)
print("-" * (width / 2))
