# Dict equality ignores order and compares values with ==; KeyError messages (caught) show the repr
# of the missing key: strings quoted, tuples, floats, None, bools; pop without default raises too.
a = {"x": 1, "y": 2}
b = {"y": 2, "x": 1}
print(a == b, a != b, a == {"x": 1}, {1: 1.0} == {1.0: True}, {} == {}, {(1, 2): [3]} == {(1, 2): [3]})
print({"a": [1, 2]} == {"a": [1, 2]}, {"a": {"b": 1}} == {"a": {"b": 1.0}}, {1: 2} == [(1, 2)])
d = {"present": 1, (1, 2): "t", 2.5: "f", None: "n", True: "b"}
for key in ["x", (1, 3), 3.5, "it's", 'say "q"', 0, -7, (1, ("a", 2.0)), 10 ** 20, "", False, "present"]:
    try:
        print("found", d[key])
    except KeyError as e:
        print("KeyError:", e, "|", str(e) == str(key))
for key in ["gone", (9,)]:
    try:
        d.pop(key)
    except KeyError as e:
        print("pop KeyError:", e)
print(d.pop("gone", "default"), d.get((1, 3)), d.get((1, 2)))
try:
    print({}[None])
except KeyError as e:
    print("KeyError:", e)
try:
    x = {"k": 1}
    x["K"] += 1
except KeyError as e:
    print("augmented KeyError:", e)
print(x)
