# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L164
# Adapted: test_copy_inst_vanilla and test_copy_inst_copy merged; asserts become prints of the asserted values.
import copy

class C:
    def __init__(self, foo):
        self.foo = foo
    def __eq__(self, other):
        return self.foo == other.foo
x = C(42)
print(copy.copy(x) == x)

class C:
    def __init__(self, foo):
        self.foo = foo
    def __copy__(self):
        return C(self.foo)
    def __eq__(self, other):
        return self.foo == other.foo
x = C(42)
print(copy.copy(x) == x)
