# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L653
# Adapted: unittest asserts become prints of the asserted values; the test method becomes top-level code.
import copy

class C(list):
    def __reduce__(self):
        return (C, (), self.__dict__, iter(self))
    def __eq__(self, other):
        return (list(self) == list(other) and
                self.__dict__ == other.__dict__)
x = C([[1, 2], 3])
y = copy.copy(x)
print(x == y)
print(x is not y)
print(x[0] is y[0])
y = copy.deepcopy(x)
print(x == y)
print(x is not y)
print(x[0] is not y[0])
