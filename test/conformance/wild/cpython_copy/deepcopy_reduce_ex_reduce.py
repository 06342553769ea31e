# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L323
# Adapted: test_deepcopy_reduce_ex and test_deepcopy_reduce merged; asserts become prints.
import copy

class C(object):
    def __reduce_ex__(self, proto):
        c.append(1)
        return ""
    def __reduce__(self):
        raise AssertionError("shouldn't call this")
c = []
x = C()
y = copy.deepcopy(x)
print(y is x)
print(c)

class C(object):
    def __reduce__(self):
        c.append(1)
        return ""
c = []
x = C()
y = copy.deepcopy(x)
print(y is x)
print(c)
