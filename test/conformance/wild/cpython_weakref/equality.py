# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L850
# Adapted: Object copied from the module; test.support.ALWAYS_EQ written out; asserts become prints.
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
    def __hash__(self):
        return hash(self.arg)

class _ALWAYS_EQ:
    """
    Object that is equal to anything.
    """
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False

ALWAYS_EQ = _ALWAYS_EQ()

x = Object(1)
y = Object(1)
z = Object(2)
a = weakref.ref(x)
b = weakref.ref(y)
c = weakref.ref(z)
d = weakref.ref(x)
# Note how we directly test the operators here, to stress both
# __eq__ and __ne__.
print(a == b, a != b)
print(a == c, a != c)
print(a == d, a != d)
print(a == x, a != x)
print(a == ALWAYS_EQ, a != ALWAYS_EQ)
del x, y, z
gc.collect()
for r in a, b, c:
    # Sanity check
    print(r())
# Dead weakrefs compare by identity
print(a == b, a != b)
print(a == c, a != c)
print(a == d, a is d)
print(a != d, a is not d)
