# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L494
# Adapted: test_deepcopy_inst_getnewargs and _getnewargs_ex merged; asserts become prints.
import copy

class C(int):
    def __new__(cls, foo):
        self = int.__new__(cls)
        self.foo = foo
        return self
    def __getnewargs__(self):
        return self.foo,
    def __eq__(self, other):
        return self.foo == other.foo
x = C([42])
y = copy.deepcopy(x)
print(isinstance(y, C))
print(y == x, y is not x)
print(y.foo, y.foo is not x.foo)

class C(int):
    def __new__(cls, *, foo):
        self = int.__new__(cls)
        self.foo = foo
        return self
    def __getnewargs_ex__(self):
        return (), {'foo': self.foo}
    def __eq__(self, other):
        return self.foo == other.foo
x = C(foo=[42])
y = copy.deepcopy(x)
print(isinstance(y, C))
print(y == x, y is not x)
print(y.foo, y.foo is not x.foo)
