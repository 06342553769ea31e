# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L938
# Adapted: test_callback_attribute, _after_deletion, test_set_callback_attribute and test_callback_gcs merged; asserts become prints.
import gc
import weakref

class Object:
    def __init__(self, arg):
        self.arg = arg
    def __repr__(self):
        return "<Object %r>" % self.arg
    def __hash__(self):
        return hash(self.arg)

cbcalled = 0
def callback(ref):
    global cbcalled
    cbcalled += 1

x = Object(1)
callback1 = lambda ref: None
ref1 = weakref.ref(x, callback1)
print(ref1.__callback__ is callback1)

ref2 = weakref.ref(x)
print(ref2.__callback__)

x = Object(1)
ref = weakref.ref(x, callback)
print(ref.__callback__ is not None)
del x
gc.collect()
print(ref.__callback__)

x = Object(1)
callback1 = lambda ref: None
ref1 = weakref.ref(x, callback1)
try:
    ref1.__callback__ = lambda ref: None
except AttributeError as e:
    print("AttributeError:", e)

class ObjectWithDel(Object):
    def __del__(self): pass
x = ObjectWithDel(1)
ref1 = weakref.ref(x, lambda ref: gc.collect())
del x
gc.collect()
print(ref1(), cbcalled)
