# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L358
# Adapted: unittest asserts become prints of the asserted values; the test method becomes top-level code.
import copy

class Classic:
    pass
class NewStyle(object):
    pass
def f():
    pass
tests = [None, ..., NotImplemented, 42, 2**100, 3.14, True, False, 1j,
         b"bytes", "hello", "hello\u1234", f.__code__,
         NewStyle, range(10), Classic, max, property()]
for x in tests:
    print(type(x).__name__, copy.deepcopy(x) is x)
