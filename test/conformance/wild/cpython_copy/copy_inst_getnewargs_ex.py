# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L212
# Adapted: unittest asserts become prints of the asserted values; the test method becomes top-level code.
import copy

class C(int):
    def __new__(cls, *, foo):
        self = int.__new__(cls)
        self.foo = foo
        return self
    def __getnewargs_ex__(self):
        return (), {'foo': self.foo}
    def __eq__(self, other):
        return self.foo == other.foo
x = C(foo=42)
y = copy.copy(x)
print(isinstance(y, C))
print(y == x)
print(y is not x)
print(y.foo, x.foo)
