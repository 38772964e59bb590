# sort/sorted with key= (a named function) and reverse=True: stable for equal keys in both
# directions, sorting tuples, strings by length, negatives by absolute value, and lists of lists.
def second(p):
    return p[1]

def by_len(s):
    return len(s)

def absval(x):
    return abs(x)

def lower(s):
    return s.lower()

pairs = [("a", 3), ("b", 1), ("c", 3), ("d", 2), ("e", 1), ("f", 3)]
print(sorted(pairs, key=second))
print(sorted(pairs, key=second, reverse=True))
pairs.sort(key=second)
print(pairs)
words = ["ccc", "a", "bb", "dd", "e", "fff", "gg"]
print(sorted(words, key=by_len), sorted(words, key=by_len, reverse=True))
words.sort(key=by_len, reverse=True)
print(words)
nums = [-3, 2, -1, 1, 3, -2, 0]
print(sorted(nums, key=absval), sorted(nums, key=absval, reverse=True), sorted(nums, reverse=True))
names = ["bob", "Alice", "carol", "Bob", "alice"]
print(sorted(names), sorted(names, key=lower), sorted(names, key=lower, reverse=True))
print(sorted([(2, "b"), (1, "z"), (2, "a"), (1, "a")]), sorted([[3, 1], [1, 2], [3, 0], [1]]))
print(sorted([3, 1, 2], reverse=False), sorted((5, 4)), sorted("cab"), sorted({"y": 1, "x": 2}))
recs = []
for i in range(30):
    recs.append((i % 4, i))
recs.sort(key=second, reverse=True)
def first(p):
    return p[0]
recs.sort(key=first)
print(recs[:8])
print(recs[-4:])
