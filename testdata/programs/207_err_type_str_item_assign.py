# Uncaught TypeError: assigning to an index of a string, after a caught one for a tuple and a
# successful character replacement done by slicing and concatenation.
t = (1, 2, 3)
try:
    t[0] = 9
except TypeError as e:
    print("caught:", e)
s = "hello"
s = s[:1] + "a" + s[2:]
print(s)
word = "python"
for i in range(len(word)):
    if word[i] == "h":
        word[i] = "H"
print(word)
