# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L902
# Adapted: ReferencesTestCase.test_hashing, test_callback_attribute_after_deletion, test_set_callback_attribute and test_callback_gcs in one program; Object copied from the test module; assertions become prints, errors are caught and printed.
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

x = Object(42)
y = Object(42)
a = weakref.ref(x)
b = weakref.ref(y)
print(hash(a) == hash(42))
del x, y
gc.collect()
print(hash(a) == hash(42))
try:
    hash(b)
except TypeError as e:
    print("TypeError:", e)

def callback(ref):
    print("callback", ref() is None)
x = Object(1)
ref = weakref.ref(x, callback)
print(ref.__callback__ is callback)
del x
gc.collect()
print(ref.__callback__)

x = Object(1)
cb = lambda ref: None
ref1 = weakref.ref(x, cb)
try:
    ref1.__callback__ = lambda ref: None
except AttributeError as e:
    print("AttributeError:", e)

class ObjectWithDel(Object):
    def __del__(self): print("ObjectWithDel.__del__")
x = ObjectWithDel(1)
ref1 = weakref.ref(x, lambda ref: print("collect in callback:", gc.collect()))
del x
print(gc.collect())
