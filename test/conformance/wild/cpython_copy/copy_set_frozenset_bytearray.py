# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L138
# Adapted: test_copy_set, test_copy_frozenset and test_copy_bytearray merged; asserts become prints of the asserted values.
import copy

x = {1, 2, 3}
y = copy.copy(x)
print(y == x, y is not x, y)
x = set()
y = copy.copy(x)
print(y == x, y is not x)

x = frozenset({1, 2, 3})
print(copy.copy(x) is x)
x = frozenset()
print(copy.copy(x) is x)

x = bytearray(b'abc')
y = copy.copy(x)
print(y == x, y is not x, y)
x = bytearray()
y = copy.copy(x)
print(y == x, y is not x)
