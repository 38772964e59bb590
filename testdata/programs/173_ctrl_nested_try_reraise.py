# Nested try/except/finally with bare raise re-raising the current exception outward, exceptions
# raised inside except and finally blocks replacing the original, and try/else.
log = []
def level(n):
    try:
        try:
            if n == 1:
                raise ValueError("one")
            if n == 2:
                raise KeyError("two")
            if n == 3:
                return [][0]
            log.append("no error")
        except ValueError:
            log.append("inner caught ValueError, re-raising")
            raise
        except KeyError as e:
            log.append("inner caught KeyError " + str(e) + ", raising TypeError")
            raise TypeError("converted")
        else:
            log.append("inner else")
        finally:
            log.append("inner finally")
    except (ValueError, TypeError) as e:
        log.append("outer caught " + str(e))
        return "handled " + str(e)
    finally:
        log.append("outer finally")
    return "normal"

for n in range(4):
    log = []
    try:
        print(n, level(n), log)
    except IndexError as e:
        print(n, "escaped:", e, log)
def cleanup_raises():
    try:
        raise ValueError("original")
    finally:
        raise KeyError("from finally")

try:
    cleanup_raises()
except KeyError as e:
    print("KeyError", e)
except ValueError as e:
    print("ValueError", e)
def handler_raises():
    try:
        1 / 0
    except ZeroDivisionError:
        int("bad")

try:
    handler_raises()
except ValueError as e:
    print("ValueError:", e)
try:
    try:
        raise IndexError("deep")
    except IndexError:
        try:
            raise
        except IndexError as inner:
            print("re-raised and caught again:", inner)
            raise
except Exception as outer:
    print("outermost:", outer)
try:
    pass
except Exception:
    print("never")
else:
    print("else runs when nothing raised")
finally:
    print("finally always")
