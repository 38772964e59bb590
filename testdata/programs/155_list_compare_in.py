# Equality and ordering of lists and tuples (element by element, then by length), with mixed
# numeric types, nested containers, and the in / not in operators on lists.
print([1, 2] == [1, 2], [1, 2] == [2, 1], [1, 2] != [1, 2, 3], [] == [], [1] == [1.0], [True] == [1])
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 99], [] < [0], [1, 2] <= [1, 2], [3] >= [2, 9])
print([[1, 2], [3]] == [[1, 2], [3]], [[1], [2]] < [[1], [3]], [1, [2, 3]] < [1, [2, 4]])
print((1, 2) == (1, 2), (1, 2) < (1, 2, 3), (2,) > (1, 5), () < (0,), (1, "a") < (1, "b"))
print([1, 2] == (1, 2), [1, "a"] < [1, "b"], ["a", 1] < ["b", 0], [1.5, 2] > [1.5, 1])
print(1 in [1, 2], 3 in [1, 2], 1.0 in [1], True in [1], "a" in ["abc"], [1] in [[1], [2]])
print((1, 2) in [(1, 2)], (1, 2) in [[1, 2]], None in [None], None in [], 2 not in [1, 3])
print(max([1, 2], [1, 2, 0], [0, 9]), min([[3], [1, 2], [1]]), sorted([[2], [1, 5], [1], []]))
xs = []
for i in range(50):
    xs.append(i * 3 % 50)
found = 0
for k in range(100):
    if k in xs:
        found += 1
print(found, 49 in xs, 50 in xs)
print([0.0] == [-0.0], [1, 2, 3] == [1, 2, 3.0], (1, (2, [3])) == (1, (2, [3])))
