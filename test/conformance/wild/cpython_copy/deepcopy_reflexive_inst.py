# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L580
# Adapted: test_deepcopy_reflexive_inst and test_reconstruct_reflexive merged; asserts become prints.
import copy

class C:
    pass
x = C()
x.foo = x
y = copy.deepcopy(x)
print(y is not x)
print(y.foo is y)

class C(object):
    pass
x = C()
x.foo = x
y = copy.deepcopy(x)
print(y is not x)
print(y.foo is y)
