# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_sys.py#L1454
# Adapted: the list and int part of test_objecttypes; each check(obj, expected) prints sys.getsizeof(obj), the value the check compares.
import sys

# list
print(sys.getsizeof(list([])))
print(sys.getsizeof(list([1])))
print(sys.getsizeof(list([1, 2])))
print(sys.getsizeof(list([1, 2, 3])))
# listiterator (list)
print(sys.getsizeof(iter([])))
# listreverseiterator (list)
print(sys.getsizeof(reversed([])))
# int
print(sys.getsizeof(0))
print(sys.getsizeof(1))
print(sys.getsizeof(-1))
PyLong_BASE = 2**sys.int_info.bits_per_digit
print(sys.getsizeof(int(PyLong_BASE)))
print(sys.getsizeof(int(PyLong_BASE**2-1)))
print(sys.getsizeof(int(PyLong_BASE**2)))
# module
print(sys.getsizeof(sys))
# None
print(sys.getsizeof(None))
# NotImplementedType
print(sys.getsizeof(NotImplemented))
# object
print(sys.getsizeof(object()))
