# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L1151
# Adapted: Object and test.support.ALWAYS_EQ copied; _eq/_ne print both comparisons; asserts become prints.
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
    def some_method(self):
        return 4
    def other_method(self):
        return 5

class _ALWAYS_EQ:
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False
ALWAYS_EQ = _ALWAYS_EQ()

def _eq(a, b):
    print("eq", a == b, a != b)
def _ne(a, b):
    print("ne", a != b, a == b)
x = Object(1)
y = Object(1)
a = weakref.WeakMethod(x.some_method)
b = weakref.WeakMethod(y.some_method)
c = weakref.WeakMethod(x.other_method)
d = weakref.WeakMethod(y.other_method)
# Objects equal, same method
_eq(a, b)
_eq(c, d)
# Objects equal, different method
_ne(a, c)
_ne(a, d)
_ne(b, c)
_ne(b, d)
# Objects unequal, same or different method
z = Object(2)
e = weakref.WeakMethod(z.some_method)
f = weakref.WeakMethod(z.other_method)
_ne(a, e)
_ne(a, f)
_ne(b, e)
_ne(b, f)
# Compare with different types
_ne(a, x.some_method)
_eq(a, ALWAYS_EQ)
del x, y, z
gc.collect()
# Dead WeakMethods compare by identity
refs = a, b, c, d, e, f
for q in refs:
    print([(q == r) == (q is r) and (q != r) == (q is not r) for r in refs])
