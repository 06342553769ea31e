# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L1192
# Adapted: Object copied from the module; assertRaises becomes a print of the exception.
import gc
import weakref

class Object:
    def __init__(self, arg):
        self.arg = arg
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

# Alive WeakMethods are hashable if the underlying object is
# hashable.
x = Object(1)
y = Object(1)
a = weakref.WeakMethod(x.some_method)
b = weakref.WeakMethod(y.some_method)
c = weakref.WeakMethod(y.other_method)
# Since WeakMethod objects are equal, the hashes should be equal.
print(hash(a) == hash(b))
ha = hash(a)
# Dead WeakMethods retain their old hash value
del x, y
gc.collect()
print(hash(a) == ha)
print(hash(b) == ha)
# If it wasn't hashed when alive, a dead WeakMethod cannot be hashed.
try:
    hash(c)
except TypeError as e:
    print("TypeError:", e)
