# Lexing of raw strings (r/R, escaped quotes kept with their backslash), triple-quoted strings in
# both quote kinds (embedded quotes, newlines, backslash-newline), and adjacent literal concatenation.
print(r"\n\t\\", len(r"\n"), R'\x41', r'\'', r"\"", len(r'\''))
print([r"a\b", r"C:\dir\new", R"\\"])
print(r"\u00e9" == "\\u00e9", r"\N{DASH}")
t = """first line
second "quoted" line
third 'single' line"""
print(t)
print(len(t), t.split("\n")[1])
u = '''a ''b'' "c" """d"""
end'''
print(u)
v = """\
no leading newline\
 and joined"""
print(v)
w = """tab\there
newline escape\\n"""
print(w)
empty = """"""
print(len(empty), len(''''''), len(""), len(''))
q = """ends with quote\""""
print(q)
raw_triple = r"""raw \n
keeps \t"""
print(raw_triple, len(raw_triple))
joined = "abc" 'def' "ghi"
print(joined)
mixed = "x\ty" r"x\ty" """z"""
print(mixed, len(mixed))
multi = ("one "
         "two "
         'three')
print(multi)
parts = ["a" "b", "c"
         "d", "e"]
print(parts, len(parts))
print("con" "cat" == "concat", "a" "" "b")
