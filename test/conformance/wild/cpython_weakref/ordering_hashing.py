# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L887
# Adapted: test_ordering and test_hashing merged; Object copied from the module; assertRaises becomes a print of the exception.
import gc
import operator
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

# weakrefs cannot be ordered, even if the underlying objects can.
ops = [operator.lt, operator.gt, operator.le, operator.ge]
x = Object(1)
y = Object(1)
a = weakref.ref(x)
b = weakref.ref(y)
for op in ops:
    try:
        op(a, b)
    except TypeError as e:
        print("TypeError:", e)
# Same when dead.
del x, y
gc.collect()
for op in ops:
    try:
        op(a, b)
    except TypeError as e:
        print("TypeError:", e)

# Alive weakrefs hash the same as the underlying object
x = Object(42)
y = Object(42)
a = weakref.ref(x)
b = weakref.ref(y)
print(hash(a) == hash(42))
del x, y
gc.collect()
# Dead weakrefs:
# - retain their hash is they were hashed when alive;
# - otherwise, cannot be hashed.
print(hash(a) == hash(42))
try:
    hash(b)
except TypeError as e:
    print("TypeError:", e)
