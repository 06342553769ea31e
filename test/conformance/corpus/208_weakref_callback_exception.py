# An exception in a weakref callback is reported on stderr; the program continues.
import weakref


class T:
    pass


def bad_callback(ref):
    print("callback running")
    raise KeyError("cb")


t = T()
w = weakref.ref(t, bad_callback)
del t
print("after", w())
