# Uncaught TypeError: sequence item 2: expected str instance, int found, from joining a list built in
# a loop that appended an int instead of its str().
parts = []
for i in range(5):
    if i == 2:
        parts.append(i)
    else:
        parts.append(str(i))
print(len(parts), parts)
print(", ".join(parts))
