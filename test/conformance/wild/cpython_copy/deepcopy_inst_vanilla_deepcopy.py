# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L455
# Adapted: test_deepcopy_inst_vanilla and test_deepcopy_inst_deepcopy merged; asserts become prints.
import copy

class C:
    def __init__(self, foo):
        self.foo = foo
    def __eq__(self, other):
        return self.foo == other.foo
x = C([42])
y = copy.deepcopy(x)
print(y == x)
print(y.foo is not x.foo)

class C:
    def __init__(self, foo):
        self.foo = foo
    def __deepcopy__(self, memo):
        return C(copy.deepcopy(self.foo, memo))
    def __eq__(self, other):
        return self.foo == other.foo
x = C([42])
y = copy.deepcopy(x)
print(y == x)
print(y is not x)
print(y.foo is not x.foo)
