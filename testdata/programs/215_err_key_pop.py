# Uncaught KeyError from dict.pop without a default on a missing string key, after pops that succeed,
# pop with a default, and a caught KeyError for a key that was already popped.
inv = {"apple": 3, "pear": 0, "fig": 7}
print(inv.pop("pear"), inv.pop("kiwi", -1), inv)
try:
    inv.pop("pear")
except KeyError as e:
    print("caught:", e)
for name in ["apple", "fig", "apple"]:
    print(name, inv.pop(name))
