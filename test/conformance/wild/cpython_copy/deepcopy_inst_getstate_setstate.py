# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L558
# Adapted: unittest asserts become prints of the asserted values; the test method becomes top-level code.
import copy

class C:
    def __init__(self, foo):
        self.foo = foo
    def __getstate__(self):
        return self.foo
    def __setstate__(self, state):
        self.foo = state
    def __eq__(self, other):
        return self.foo == other.foo
x = C([42])
y = copy.deepcopy(x)
print(y == x)
print(y is not x)
print(y.foo is not x.foo)
# State with boolean value is false (issue #25718)
x = C([])
y = copy.deepcopy(x)
print(y == x)
print(y is not x)
print(y.foo is not x.foo)
