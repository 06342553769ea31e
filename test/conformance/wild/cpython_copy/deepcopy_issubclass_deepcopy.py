# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L285
# Adapted: test_deepcopy_issubclass and test_deepcopy_deepcopy merged; asserts become prints.
import copy

class Meta(type):
    pass
class C(metaclass=Meta):
    pass
print(copy.deepcopy(C) == C)

class C(object):
    def __init__(self, foo):
        self.foo = foo
    def __deepcopy__(self, memo=None):
        return C(self.foo)
x = C(42)
y = copy.deepcopy(x)
print(y.__class__ == x.__class__)
print(y.foo, x.foo)
