# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L768
# Adapted: test_copy_tuple_subclass and test_deepcopy_tuple_subclass merged; asserts become prints.
import copy

class C(tuple):
    pass
x = C([1, 2, 3])
print(tuple(x))
y = copy.copy(x)
print(tuple(y))

x = C([[1, 2], 3])
print(tuple(x))
y = copy.deepcopy(x)
print(tuple(y))
print(x is not y)
print(x[0] is not y[0])
