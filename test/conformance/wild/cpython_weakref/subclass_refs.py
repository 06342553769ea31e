# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L973
# Adapted: Object copied from the module; gc_collect() becomes gc.collect(); asserts become prints.
import gc
import weakref

class Object:
    def __init__(self, arg):
        self.arg = arg
    def __repr__(self):
        return "<Object %r>" % self.arg
    def __hash__(self):
        return hash(self.arg)

class MyRef(weakref.ref):
    def __init__(self, ob, callback=None, value=42):
        self.value = value
        super().__init__(ob, callback)
    def __call__(self):
        self.called = True
        return super().__call__()
o = Object("foo")
mr = MyRef(o, value=24)
print(mr() is o)
print(mr.called)
print(mr.value)
del o
gc.collect()  # For PyPy or other GCs.
print(mr())
print(mr.called)
