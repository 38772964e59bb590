# Uncaught exception raised in a finally block replaces the one in flight: the try raises KeyError,
# the finally raises ValueError, and ValueError is what reaches the top.
def cleanup(log):
    try:
        log.append("work")
        return {}["missing"]
    finally:
        log.append("cleanup")
        raise ValueError("cleanup failed after " + str(len(log)) + " steps")

log = []
try:
    cleanup(log)
except KeyError:
    print("never: the KeyError was replaced")
except ValueError as e:
    print("caught:", e, log)
cleanup([])
