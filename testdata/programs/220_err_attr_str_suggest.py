# Uncaught AttributeError with a suggestion: 'str' object has no attribute 'uper'. Did you mean:
# 'upper'? (str(e) of caught ones has no suggestion), after a loop of valid string method calls.
try:
    "x".lenght
except AttributeError as e:
    print("caught:", e)
total = 0
for w in ["alpha", "beta", "gamma"] * 1000:
    total += len(w.upper()) + w.find("a")
print(total)
name = "metajit"
print(name.uper())
