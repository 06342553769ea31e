# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L1108
# Adapted: test_callback_when_object_dead and test_callback_when_method_dead merged; Object and _subclass copied from the test module; asserts become prints.
import gc
import weakref

class Object:
    def __init__(self, arg):
        self.arg = arg
    def __repr__(self):
        return "<Object %r>" % self.arg
    def __hash__(self):
        return hash(self.arg)
    def some_method(self):
        return 4

def _subclass():
    """Return an Object subclass overriding `some_method`."""
    class C(Object):
        def some_method(self):
            return 6
    return C

# Test callback behaviour when object dies first.
C = _subclass()
calls = []
def cb(arg):
    calls.append(arg)
o = C(1)
r = weakref.WeakMethod(o.some_method, cb)
del o
gc.collect()
print(calls == [r], len(calls))
# Callback is only called once.
C.some_method = Object.some_method
gc.collect()
print(calls == [r], len(calls))

# Test callback behaviour when method dies first.
C = _subclass()
calls = []
o = C(1)
r = weakref.WeakMethod(o.some_method, cb)
del C.some_method
gc.collect()
print(calls == [r], len(calls))
# Callback is only called once.
del o
gc.collect()
print(calls == [r], len(calls))
