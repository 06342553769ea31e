# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L82
# Adapted: unittest asserts become prints of the asserted values; the test method becomes top-level code.
import copy

class C(object):
    def __getattribute__(self, name):
        if name.startswith("__reduce"):
            raise AttributeError(name)
        return object.__getattribute__(self, name)
x = C()
try:
    copy.copy(x)
except copy.Error as e:
    print("copy.Error:", e)
