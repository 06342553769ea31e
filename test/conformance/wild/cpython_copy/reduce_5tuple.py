# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L670
# Adapted: unittest asserts become prints of the asserted values; the test method becomes top-level code.
import copy

class C(dict):
    def __reduce__(self):
        return (C, (), self.__dict__, None, self.items())
    def __eq__(self, other):
        return (dict(self) == dict(other) and
                self.__dict__ == other.__dict__)
x = C([("foo", [1, 2]), ("bar", 3)])
y = copy.copy(x)
print(x == y)
print(x is not y)
print(x["foo"] is y["foo"])
y = copy.deepcopy(x)
print(x == y)
print(x is not y)
print(x["foo"] is not y["foo"])
