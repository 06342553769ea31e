# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L71
# Adapted: unittest asserts become prints of the asserted values; the test method becomes top-level code.
import copy

class C(object):
    def __reduce__(self):
        c.append(1)
        return ""
c = []
x = C()
y = copy.copy(x)
print(y is x)
print(c)
