# str.join of lists, tuples, strings, dict keys and ranges of str(); joining with multi-character and
# empty separators; the TypeError for a non-string item is caught and printed.
print(",".join(["a", "b", "c"]), "".join(["x", "y"]), " - ".join(("1", "2")), "|".join("abc"))
print("[" + ",".join([]) + "]", "[" + ",".join(["only"]) + "]", ", ".join({"k1": 1, "k2": 2}))
nums = []
for i in range(5):
    nums.append(str(i * i))
print("+".join(nums), "".join(reversed(nums)))
print("\n".join(["line1", "line2"]))
print("ab".join(["1", "2", "3"]), "".join([""] * 5) == "", "x".join(["", ""]))
for items in [["a", 1], [1, 2], ["a", "b", None], ("t", 2.5), ["ok", ["list"]]]:
    try:
        print("-".join(items))
    except TypeError as e:
        print("TypeError:", e)
try:
    print(",".join(5))
except TypeError as e:
    print("TypeError:", e)
