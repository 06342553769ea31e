# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L371
# Adapted: test_deepcopy_list, _empty_tuple, _tuple, _tuple_of_immutables and _dict merged; asserts become prints.
import copy

x = [[1, 2], 3]
y = copy.deepcopy(x)
print(y == x, x is not y, x[0] is not y[0])

x = ()
y = copy.deepcopy(x)
print(x is y)

x = ([1, 2], 3)
y = copy.deepcopy(x)
print(y == x, x is not y, x[0] is not y[0])

x = ((1, 2), 3)
y = copy.deepcopy(x)
print(x is y)

x = {"foo": [1, 2], "bar": 3}
y = copy.deepcopy(x)
print(y == x, x is not y, x["foo"] is not y["foo"])
