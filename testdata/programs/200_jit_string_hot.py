# JIT-shaped: strings in hot loops: building by +=, indexing and slicing, comparisons, str() of
# ints and floats, split/join/replace/find on each iteration, and a small tokenizer.
s = ""
for i in range(20000):
    s += "ab"[i % 2]
print(len(s), s[:6], s[-5:], s.find("bb"), s.find("aa"))
count = 0
text = "the cat sat on the mat with the hat " * 200
for i in range(len(text) - 2):
    if text[i:i + 3] == "the":
        count += 1
print(count)
digits = 0
for i in range(30000):
    digits += len(str(i * i))
print(digits)
fs = ""
for i in range(2000):
    fs = str(i / 8)
print(fs)
words = []
for i in range(5000):
    words.append("w" + str(i % 13))
joined = ",".join(words)
parts = joined.split(",")
print(len(joined), len(parts), parts[12], joined.replace("w1", "X").find("X"))
src = "x1 = 42 + y2 * (7 - z) # comment " * 300
toks = 0
idents = 0
i = 0
while i < len(src):
    ch = src[i]
    if ch == "#":
        while i < len(src) and src[i] != "=" and src[i] != "x":
            i += 1
        continue
    if ch == " ":
        i += 1
        continue
    if "a" <= ch <= "z":
        j = i
        while j < len(src) and ("a" <= src[j] <= "z" or "0" <= src[j] <= "9"):
            j += 1
        idents += 1
        i = j
    else:
        i += 1
    toks += 1
print(toks, idents)
up = 0
for w in ("Hello World " * 1000).split():
    if w.upper() == "HELLO" and w.lower().startswith("he") and w.endswith("o"):
        up += 1
print(up)
