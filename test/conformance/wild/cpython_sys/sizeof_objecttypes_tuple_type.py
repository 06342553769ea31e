# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_sys.py#L1525
# Adapted: the tuple and type part of test_objecttypes; each check(obj, expected) prints sys.getsizeof(obj), the value the check compares.
import sys

# tuple
print(sys.getsizeof(()))
print(sys.getsizeof((1,2,3)))
# type
# static type: PyTypeObject
print(sys.getsizeof(int))
# class
class newstyleclass(object): pass
print(sys.getsizeof(newstyleclass))
# dict with shared keys
[newstyleclass() for _ in range(100)]
print(sys.getsizeof(newstyleclass().__dict__))
o = newstyleclass()
o.a = o.b = o.c = o.d = o.e = o.f = o.g = o.h = 1
print(sys.getsizeof(newstyleclass))
# dict with shared keys
print(sys.getsizeof(newstyleclass().__dict__))
