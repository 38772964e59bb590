# Uncaught NameError whose suggestion comes from the builtins: 'pritn' -> Did you mean: 'print'?
# (a caught NameError's str() carries no suggestion).
values = [3, 1, 2]
print(sorted(values))
try:
    srt(values)
except NameError as e:
    print("caught:", e)
pritn(values)
