# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L274
# Adapted: unittest asserts become prints of the asserted values; the test method becomes top-level code.
import copy

x = []
x = [x, x]
y = copy.deepcopy(x)
print(y == x, y)
print(y is not x)
print(y[0] is not x[0])
print(y[0] is y[1])
