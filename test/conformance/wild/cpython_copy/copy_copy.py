# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L31
# Adapted: unittest asserts become prints of the asserted values; the test method becomes top-level code.
import copy

class C(object):
    def __init__(self, foo):
        self.foo = foo
    def __copy__(self):
        return C(self.foo)
x = C(42)
y = copy.copy(x)
print(y.__class__ == x.__class__)
print(y.foo, x.foo)
