# isinstance against the builtin types, bool() truthiness of every kind of value, and str()/int()/
# float()/list()/tuple() conversions between kinds.
vals = [0, 1, -1, 0.0, 2.5, True, False, None, "", "a", [], [0], (), (0,), {}, {0: 0}, 10 ** 30]
for v in vals:
    print(str(v), bool(v), isinstance(v, int), isinstance(v, float), isinstance(v, bool),
          isinstance(v, str), isinstance(v, list), isinstance(v, tuple), isinstance(v, dict))
print(isinstance(1, float), isinstance(1.0, int), isinstance(True, int), isinstance(None, int))
print(str(1) + str(2.0) + str(True) + str(None) + str([1, "a"]) + str((1,)) + str({"a": 1.5}))
print(int("12") + int(3.9) + int(True), float("1.5") + float(2) + float(False), int(float("2.5e3")))
print(list("abc"), list((1, 2)), tuple([3, 4]), list(range(3)), tuple(range(0)), list({1: 2, 3: 4}))
print(bool([[]]), bool(((),)), bool(" "), bool("0"), bool(0.0 * -1), bool(1e-300), bool(-0.0 + 1))
def truthy_count(xs):
    n = 0
    for x in xs:
        if x:
            n += 1
    return n

print(truthy_count(vals), len(vals))
x = 5
if x:
    print("int true")
if not []:
    print("empty list false")
if "":
    print("never")
elif None:
    print("never")
else:
    print("empty string and None false")
print(isinstance(ValueError("x"), Exception), isinstance(KeyError("k"), Exception), isinstance(3, Exception))
