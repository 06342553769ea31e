# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L42
# Adapted: unittest asserts become prints of the asserted values; the test method becomes top-level code.
import copy
import copyreg

class C(object):
    def __new__(cls, foo):
        obj = object.__new__(cls)
        obj.foo = foo
        return obj
def pickle_C(obj):
    return (C, (obj.foo,))
x = C(42)
try:
    copy.copy(x)
except TypeError as e:
    print("TypeError:", e)
copyreg.pickle(C, pickle_C, C)
y = copy.copy(x)
print(x is not y)
print(type(y) == C)
print(y.foo, x.foo)
