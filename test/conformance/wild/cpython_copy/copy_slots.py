# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L709
# Adapted: test_copy_slots and test_deepcopy_slots merged; asserts become prints.
import copy

class C(object):
    __slots__ = ["foo"]
x = C()
x.foo = [42]
y = copy.copy(x)
print(x.foo is y.foo)

class C(object):
    __slots__ = ["foo"]
x = C()
x.foo = [42]
y = copy.deepcopy(x)
print(x.foo == y.foo, y.foo)
print(x.foo is not y.foo)
