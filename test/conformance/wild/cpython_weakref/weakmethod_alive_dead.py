# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L1084
# Adapted: test_alive, test_object_dead and test_method_dead merged; Object and _subclass copied from the test module; asserts become prints.
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
    def other_method(self):
        return 5

def _subclass():
    """Return an Object subclass overriding `some_method`."""
    class C(Object):
        def some_method(self):
            return 6
    return C

o = Object(1)
r = weakref.WeakMethod(o.some_method)
print(isinstance(r, weakref.ReferenceType))
print(isinstance(r(), type(o.some_method)))
print(r().__self__ is o)
print(r().__func__ is o.some_method.__func__)
print(r()())

o = Object(1)
r = weakref.WeakMethod(o.some_method)
del o
gc.collect()
print(r())

C = _subclass()
o = C(1)
r = weakref.WeakMethod(o.some_method)
del C.some_method
gc.collect()
print(r())
