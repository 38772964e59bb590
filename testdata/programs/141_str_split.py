# str.split: with no separator (runs of any whitespace, leading/trailing ignored), with a separator
# (empty fields kept), multi-character separators, and maxsplit in both forms.
print("a b  c".split(), "  lead and trail  ".split(), "".split(), "   ".split(), "one".split())
print("a\tb\nc\rd\x0be\x0cf".split(), "x\u3000y\xa0z".split(), len(" \n\t ".split()))
print("a,b,,c,".split(","), ",".split(","), "".split(","), "abc".split(","), ",,".split(","))
print("a::b::::c".split("::"), "aaa".split("a"), "aaaa".split("aa"), "abcabc".split("bc"))
print("a b c d".split(None, 1), "a b c d".split(" ", 2), "a,b,c".split(",", 0), "a,b,c".split(",", -1))
print("  a  b  c  ".split(None, 1), "  a  b  c  ".split(None, 2), "  a  b  c  ".split(" ", 2))
print("a,b,c,d".split(",", 10), "x".split("x"), "xyx".split("x"), "yxxy".split("x"))
print("k=v=w".split("=", 1), "line1\nline2\n".split("\n"), "line1\nline2\n".split())
print("héllo wörld".split("ö"), "日本 語".split(), "a  b".split(" "))
csv = "name,age,city\nann,31,oslo\nbob,,rome"
rows = []
for line in csv.split("\n"):
    rows.append(line.split(","))
print(rows)
words = "the quick brown fox jumps over the lazy dog the end".split()
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print(counts)
parts = "a-b-c-d-e".split("-", 2)
print(parts, len(parts), parts[-1].split("-"))
