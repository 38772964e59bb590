# Uncaught TypeError from int(None): the argument type message of int(); caught before: int() of a
# list and float() of None.
for v in [[1], None]:
    try:
        if isinstance(v, list):
            int(v)
        else:
            float(v)
    except TypeError as e:
        print("caught:", e)
config = {"port": "8080", "retries": None}
print(int(config["port"]) + 1)
print(int(config["retries"]))
