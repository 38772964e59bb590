# Uncaught IndexError: string index out of range in a loop that walks one past the end, after caught
# errors for positive and negative out-of-range string indices.
s = "abc"
for i in [3, -4, 100]:
    try:
        print(s[i])
    except IndexError as e:
        print("caught:", i, e)
print(s[-3], s[2], s[3:10], s[-10:1])
out = ""
i = 0
while i <= len(s):
    out += s[i]
    i += 1
print(out)
