# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L93
# Adapted: unittest asserts become prints of the asserted values; the test method becomes top-level code.
import abc
import copy

class Classic:
    pass
class NewStyle(object):
    pass
def f():
    pass
class WithMetaclass(metaclass=abc.ABCMeta):
    pass
tests = [None, ..., NotImplemented,
         42, 2**100, 3.14, True, False, 1j,
         "hello", "hello\u1234", f.__code__,
         b"world", bytes(range(256)), range(10), slice(1, 10, 2),
         NewStyle, Classic, max, WithMetaclass, property()]
for x in tests:
    print(type(x).__name__, copy.copy(x) is x)
