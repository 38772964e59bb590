# Uncaught exception raised as a bare class (raise KeyError): the last stderr line is just "KeyError".
def lookup(d, k):
    if k in d:
        return d[k]
    raise KeyError

d = {"a": 1}
print(lookup(d, "a"))
try:
    lookup(d, "b")
except KeyError as e:
    print("caught: [" + str(e) + "]")
print(lookup(d, "c"))
