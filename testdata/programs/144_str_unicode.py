# Non-ASCII strings are sequences of code points: len, indexing, slicing, reversing, find, split,
# upper/lower (with full case mappings such as ß -> SS) and comparison by code point.
s = "héllo 日本語 wörld"
print(len(s), s[1], s[6], s[-1], s[6:9], s[::-1], s[-5:])
print(s.upper(), s.lower(), s.find("日"), s.find("wö"), s.split(" "))
print("straße".upper(), "STRASSE".lower(), "ﬁne".upper(), "ÉCOLE".lower(), "ǆ".upper())
e = "\U0001F600x\U0001F601"
print(len(e), e[1], len(e[::-1]), e.find("x"), e[0] == "\U0001F600")
print("é" < "f", "é" > "z", "日" > "本", "a" < "é" < "日" < "\U0001F600", sorted(["é", "z", "a", "日", "E"]))
chars = []
for ch in "añ日":
    chars.append(ch)
print(chars, len(chars), "".join(reversed(chars)))
t = "日本" * 3
print(t, len(t), t[1::2], t.replace("本", "b"), "-".join(t))
print("e\u0301" == "é", len("e\u0301"), len("é"))
n = 0
for ch in "naïve café über":
    if ch in "äëïöüé":
        n += 1
print(n)
print("ÀÉÎ".lower().upper(), "İ".lower() == "i\u0307", len("İ".lower()))
