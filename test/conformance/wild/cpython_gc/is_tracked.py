# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L610
# Adapted: unittest asserts become prints of the asserted values; the test method becomes top-level code.
import gc

# Atomic built-in types are not tracked, user-defined objects and
# mutable containers are.
print(gc.is_tracked(None))
print(gc.is_tracked(1))
print(gc.is_tracked(1.0))
print(gc.is_tracked(1.0 + 5.0j))
print(gc.is_tracked(True))
print(gc.is_tracked(False))
print(gc.is_tracked(b"a"))
print(gc.is_tracked("a"))
print(gc.is_tracked(bytearray(b"a")))
print(gc.is_tracked(type))
print(gc.is_tracked(int))
print(gc.is_tracked(object))
print(gc.is_tracked(object()))

class UserClass:
    pass

class UserInt(int):
    pass

# Base class is object; no extra fields.
class UserClassSlots:
    __slots__ = ()

# Base class is fixed size larger than object; no extra fields.
class UserFloatSlots(float):
    __slots__ = ()

# Base class is variable size; no extra fields.
class UserIntSlots(int):
    __slots__ = ()

print(gc.is_tracked(gc))
print(gc.is_tracked(UserClass))
print(gc.is_tracked(UserClass()))
print(gc.is_tracked(UserInt()))
print(gc.is_tracked([]))
print(gc.is_tracked(set()))
print(gc.is_tracked(UserClassSlots()))
print(gc.is_tracked(UserFloatSlots()))
print(gc.is_tracked(UserIntSlots()))
