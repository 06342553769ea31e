# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L110
# Adapted: test_copy_list, test_copy_tuple and test_copy_dict merged; asserts become prints of the asserted values.
import copy

x = [1, 2, 3]
y = copy.copy(x)
print(y == x, y is not x)
x = []
y = copy.copy(x)
print(y == x, y is not x)

x = (1, 2, 3)
print(copy.copy(x) is x)
x = ()
print(copy.copy(x) is x)
x = (1, 2, 3, [])
print(copy.copy(x) is x)

x = {"foo": 1, "bar": 2}
y = copy.copy(x)
print(y == x, y is not x, y)
x = {}
y = copy.copy(x)
print(y == x, y is not x)
