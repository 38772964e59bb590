# strip with and without chars (a set of characters, not a prefix), find with start, replace with
# and without a count, startswith/endswith, upper/lower, including empty strings and no-op cases.
print("[" + "  x y  ".strip() + "]", "[" + "\t\n x \r\x0b\x0c".strip() + "]", "[" + "".strip() + "]")
print("xxhixx".strip("x"), "abcHIcba".strip("abc"), "abc".strip("abc"), "abc".strip(""), "aXa".strip("b"))
print("  mixed\xa0".strip(), "--==x==--".strip("=-"), "www.example.com".strip("cmow."))
print("hello".find("l"), "hello".find("lo"), "hello".find("z"), "hello".find(""), "".find(""), "".find("a"))
print("hello".find("l", 3), "hello".find("l", 4), "hello".find("h", 1), "hello".find("", 5), "hello".find("", 6))
print("hello".find("o", -1), "hello".find("h", -10), "aaaa".find("aa", 1))
print("banana".replace("a", "o"), "banana".replace("an", ""), "banana".replace("a", "A", 2), "banana".replace("x", "y"))
print("aaa".replace("a", "aa"), "abc".replace("", "-"), "".replace("", "x"), "aaaa".replace("aa", "b"))
print("banana".replace("a", "o", 0), "banana".replace("a", "o", -1), "a.b.c".replace(".", ""))
print("hello".startswith("he"), "hello".startswith(""), "hello".startswith("hello!"), "".startswith(""))
print("hello".endswith("lo"), "hello".endswith(""), "hello".endswith("xhello"), "h".endswith("h"))
print("MiXeD 123 ÄÖ".upper(), "MiXeD 123 ÄÖ".lower(), "".upper(), "ß".upper(), "ǅ".lower())
s = "  Some Text, with Punctuation!  "
t = s.strip().lower().replace(",", "").replace("!", "")
print(t, t.split(), t.find("with"), t.upper().find("WITH"))
line = "key = value # comment"
k = line.find("=")
c = line.find("#")
print("[" + line[:k].strip() + "]", "[" + line[k + 1:c].strip() + "]")
