# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L20
# Adapted: test_exceptions and test_copy_basic merged; asserts become prints of the asserted values.
import copy

print(copy.Error is copy.error)
print(issubclass(copy.Error, Exception))

x = 42
y = copy.copy(x)
print(x == y, y)
