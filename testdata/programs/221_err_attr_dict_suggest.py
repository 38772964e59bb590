# Uncaught AttributeError with a suggestion on a dict method typo: 'itmes' -> 'items'.
d = {"a": 1, "b": 2}
for k, v in d.items():
    print(k, v)
try:
    d.has_key("a")
except AttributeError as e:
    print("caught:", e)
for k, v in d.itmes():
    print(k, v)
