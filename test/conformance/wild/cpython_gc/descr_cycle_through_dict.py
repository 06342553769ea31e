# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_descr.py#L4872
# Adapted: support.gc_collect() becomes gc.collect(); asserts become prints of the asserted values.
import gc
import weakref

# See bug #1469629
class X(dict):
    def __init__(self):
        dict.__init__(self)
        self.__dict__ = self
x = X()
x.attr = 42
wr = weakref.ref(x)
del x
gc.collect()
print(wr())
print(any(type(o) is X for o in gc.get_objects()))
