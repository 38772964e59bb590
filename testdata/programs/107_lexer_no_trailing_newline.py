# A file whose last line has no trailing newline, ending inside an indented block: the lexer must
# still emit the closing NEWLINE and DEDENT tokens.
def last(xs):
    for x in xs:
        if x > 2:
            return x
    return None

print(last([1, 2, 3, 4]))
for i in range(3):
    if i == 2:
        print("end", i)