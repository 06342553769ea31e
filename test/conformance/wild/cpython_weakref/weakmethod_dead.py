# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L1093
# Adapted: WeakMethodTestCase.test_object_dead, test_method_dead and test_callback_when_method_dead in one program; Object and _subclass copied from the test module; assertions become prints.
import gc
import weakref

class Object:
    def __init__(self, arg):
        self.arg = arg
    def __repr__(self):
        return "<Object %r>" % self.arg
    def __eq__(self, other):
        if isinstance(other, Object):
            return self.arg == other.arg
        return NotImplemented
    def __lt__(self, other):
        if isinstance(other, Object):
            return self.arg < other.arg
        return NotImplemented
    def __hash__(self):
        return hash(self.arg)
    def some_method(self):
        return 4
    def other_method(self):
        return 5

def _subclass():
    class C(Object):
        def some_method(self):
            return 6
    return C

o = Object(1)
r = weakref.WeakMethod(o.some_method)
print(r()())
del o
gc.collect()
print(r())

C = _subclass()
o = C(1)
r = weakref.WeakMethod(o.some_method)
print(r()())
del C.some_method
gc.collect()
print(r())

C = _subclass()
calls = []
def cb(arg):
    calls.append(arg)
o = C(1)
r = weakref.WeakMethod(o.some_method, cb)
del C.some_method
gc.collect()
print(calls == [r], len(calls))
del o
gc.collect()
print(calls == [r], len(calls))
