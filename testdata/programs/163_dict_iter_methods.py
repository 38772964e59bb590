# Iterating a dict, its keys(), values() and items() (with tuple unpacking), converting views to
# lists, membership on views, min/max/sum/sorted over dicts, and building dicts in loops.
d = {"one": 1, "two": 2, "three": 3, "four": 4}
for k in d:
    print(k, d[k])
for k in d.keys():
    print(k, end=" ")
print()
for v in d.values():
    print(v, end=" ")
print()
for k, v in d.items():
    print(k + "=" + str(v), end=";")
print()
print(list(d.items()), list(d.values()), tuple(d), sorted(d), sorted(d.values(), reverse=True))
print("two" in d.keys(), 2 in d.values(), 5 in d.values(), ("one", 1) in d.items(), ("one", 2) in d.items())
print(len(d.keys()), len(d.values()), len(d.items()), sum(d.values()), max(d), min(d.values()))
inv = {}
for k, v in d.items():
    inv[v] = k
print(inv)
sq = {}
for i in range(6):
    sq[i] = i * i
total = 0
for i, k in enumerate(sq):
    total += i * k
print(sq, total)
for i, k in enumerate(d):
    print(i, k)
keys = list(d)
for k in keys:
    if len(k) == 3:
        d.pop(k)
print(d, keys)
e = {}
for k in e:
    print("never")
print(list(e.items()), len(e), e.get(1, "empty"))
