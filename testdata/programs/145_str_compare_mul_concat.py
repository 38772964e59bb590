# String comparison (lexicographic by code point, prefixes first), repetition by zero, negative and
# bool counts, concatenation in loops, membership of substrings, and iteration.
print("a" < "b", "a" < "ab", "ab" < "b", "" < "a", "Z" < "a", "abc" == "abc", "abc" != "abd")
print("apple" <= "apple", "b" > "abc", "10" < "9", "A" < "a" < "~", max("b", "abc", "ab"), min("b", "abc", "ab"))
print("ab" * 3, "ab" * 0, "ab" * -2, "ab" * True, "ab" * False, 3 * "x", "" * 100, len("-" * 1000))
print("a" + "b" + "", "" + "", "x" + "y" * 2, ("x" + "y") * 2)
print("ell" in "hello", "" in "abc", "" in "", "abc" in "ab", "lo" not in "hello", "H" in "hello")
s = ""
for i in range(10):
    s += str(i)
s += "!"
print(s, len(s))
t = "ab"
t *= 3
print(t)
out = ""
for ch in "hello world":
    if ch != "o":
        out = out + ch.upper()
print(out)
words = sorted(["pear", "Apple", "apple", "banana", "Banana", "apples", "", "b"])
print(words)
print(sorted("hello"), list("abc"), tuple("xy"), list(""))
print(str(12) + str(3.0) + str(-4) + str(True) + str(None) + str([1]) + str((2,)) + str({3: 4}))
