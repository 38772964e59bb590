# except (A, B) as e picks the first matching clause in order; Exception catches all of the subset's
# errors; the as-name is unbound after the handler; handlers for errors raised by builtins.
def fail(k):
    if k == 0:
        return {}["missing"]
    if k == 1:
        return [1][5]
    if k == 2:
        return 1 / 0
    if k == 3:
        return int("zz")
    if k == 4:
        return "a" * "b"
    if k == 5:
        return undefined_name
    if k == 6:
        return "abc".nosuch
    if k == 7:
        assert False, "assert " + str(k)
    if k == 8:
        return 2.0 ** 5000
    return "fine"

for k in range(10):
    try:
        print(k, fail(k))
    except (KeyError, IndexError) as e:
        print(k, "lookup:", e)
    except (ZeroDivisionError, OverflowError) as e:
        print(k, "arith:", e)
    except (ValueError, TypeError) as e:
        print(k, "value/type:", e)
    except (NameError, AttributeError) as e:
        print(k, "name/attr:", e)
    except Exception as e:
        print(k, "other:", e)
e = "outer value"
try:
    fail(0)
except KeyError as e:
    print("inside", e)
try:
    print(e)
except NameError as err:
    print("unbound after handler:", err)
for k in range(9):
    try:
        fail(k)
    except Exception as ex:
        print(k, isinstance(ex, Exception), isinstance(ex, KeyError), isinstance(ex, ValueError))
try:
    fail(2)
except (TypeError, ZeroDivisionError, ValueError):
    print("tuple without as")
except ZeroDivisionError:
    print("never: first match wins")
