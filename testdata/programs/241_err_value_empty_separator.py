# Uncaught ValueError: empty separator, from str.split("") with the separator taken from a list;
# the other separators split normally.
line = "a,b;c d"
for sep in [",", ";", " ", "x", ""]:
    print("[" + sep + "]", line.split(sep))
