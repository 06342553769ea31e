# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L1141
# Adapted: unittest asserts become prints of the asserted values; the test method becomes top-level code.
import weakref

class Object:
    def __init__(self, arg):
        self.arg = arg
    def some_method(self):
        return 4

# A WeakMethod doesn't create any reference cycle to itself.
o = Object(1)
def cb(_):
    pass
r = weakref.WeakMethod(o.some_method, cb)
wr = weakref.ref(r)
del r
print(wr())
