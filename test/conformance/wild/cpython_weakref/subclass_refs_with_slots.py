# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L1019
# Adapted: Object copied from the module; asserts become prints.
import weakref

class Object:
    def __init__(self, arg):
        self.arg = arg
    def __repr__(self):
        return "<Object %r>" % self.arg
    def __hash__(self):
        return hash(self.arg)

class MyRef(weakref.ref):
    __slots__ = "slot1", "slot2"
    def __new__(type, ob, callback, slot1, slot2):
        return weakref.ref.__new__(type, ob, callback)
    def __init__(self, ob, callback, slot1, slot2):
        self.slot1 = slot1
        self.slot2 = slot2
    def meth(self):
        return self.slot1 + self.slot2
o = Object(42)
r = MyRef(o, None, "abc", "def")
print(r.slot1)
print(r.slot2)
print(r.meth())
print(hasattr(r, "__dict__"))
