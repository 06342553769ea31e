# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L184
# Adapted: unittest asserts become prints of the asserted values; the test method becomes top-level code.
import copy

class C:
    def __init__(self, foo):
        self.foo = foo
    def __getinitargs__(self):
        return (self.foo,)
    def __eq__(self, other):
        return self.foo == other.foo
x = C(42)
print(copy.copy(x) == x)
