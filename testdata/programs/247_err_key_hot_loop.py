# Uncaught KeyError with an int key in a hot loop: a dict that covers keys 0..4999 is read with a
# key that reaches 5000. The message is the repr of the key: KeyError: 5000.
squares = {}
for i in range(5000):
    squares[i] = i * i
total = 0
for i in range(0, 6000, 5):
    total += squares[i] % 13
    if i % 700 == 0:
        print(i, total)
