# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L746
# Adapted: test_copy_list_subclass and test_deepcopy_list_subclass merged; asserts become prints.
import copy

class C(list):
    pass
x = C([[1, 2], 3])
x.foo = [4, 5]
y = copy.copy(x)
print(list(x) == list(y))
print(x.foo == y.foo)
print(x[0] is y[0])
print(x.foo is y.foo)

x = C([[1, 2], 3])
x.foo = [4, 5]
y = copy.deepcopy(x)
print(list(x) == list(y))
print(x.foo == y.foo)
print(x[0] is not y[0])
print(x.foo is not y.foo)
