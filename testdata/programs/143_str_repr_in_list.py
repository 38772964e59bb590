# repr of strings as print shows it inside lists, tuples and dicts: the choice of quotes, escaped
# backslashes, control characters as \n/\t/\xNN, and which non-ASCII characters stay printable.
print(["plain", "it's", 'say "hi"', "both ' and \"", "back\\slash", ""])
print(["\n", "\t", "\r", "\x00", "\x1b", "\x7f", "\x80", "\x9f", "\xa0", "\xad", "\xff"])
print(["é", "日本", "ß", "\u200b", "\u2028", "\ufeff", "\U0001F600", "\u00e9\u0301", "\ud7ff"])
print(('a', "b'", 'c"'), {"k'ey": "va\"lue", "tab\t": "nl\n"})
print(["'", '"', "'\"", "\\'", "\\"])
print([" ", "  lead", "trail  ", "mid dle"])
print(("single",), [["nested", "list"]], ("x", ("y", ("z",))))
print({"": ""}, [str(1), str(1.5), str(None), str(True), str("s")])
words = []
for w in "a b\tc".split(" "):
    words.append(w)
print(words)
print(str(["x"]), str(("y",)), len(str(["x"])), str({"a": "b"}))
print(str(["it's"]) + "|" + str(['"']))
