# Lists, dicts, tuples, ints and strs cannot be weakly referenced; instances, sets and functions can.
import weakref


class Thing:
    pass


for candidate in ([], {}, (1,), 5, "s", set(), Thing(), len, lambda: 0):
    try:
        weakref.ref(candidate)
        print(type(candidate).__name__, "ok")
    except TypeError as e:
        print(e)
