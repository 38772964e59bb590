# Lexing of string escapes: every simple escape, octal, \x, \u and \U, escapes that are kept
# literally (unknown ones), backslash-newline inside a literal, and both quote kinds.
s = "a\tb\\c\'d\"e"
print(s, len(s))
print(len("\n"), len("\r"), len("\a\b\f\v"), len("\0"), len("\\"))
print(["\n", "\r", "\t", "\a", "\b", "\f", "\v", "\0", "\\", "\'", "\""])
print("\x41\x62\x7e", "\101\142\176", "\u00e9\u65e5", "\U0001F600" == "\U0001f600")
print(len("\U0001F600"), len("\u65e5\u672c"), len("\x00\x01"))
print("\7", "\07" == "\007", len("\1234"), "\1234")
print(["\q", "\d", "\ ", "\%"])
print(len("\q"), "\q")
print('single "double" inside', "double 'single' inside")
print('it\'s', "say \"hi\"")
t = "line one\
 continued"
print(t)
u = 'abc\
def\
ghi'
print(u, len(u))
print("tab:\t|", "cr-free", "nul:[\0]" == "nul:[\x00]")
print("\x7f" == "\177", "\xff" == "\u00ff", "\u0041" == "A")
print("\\n is not a newline", '\\' + 'n')
