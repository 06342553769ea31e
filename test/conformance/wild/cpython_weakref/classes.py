# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L838
# Adapted: unittest asserts become prints of the asserted values; the test method becomes top-level code.
import gc
import weakref

# Check that classes are weakrefable.
class A(object):
    pass
l = []
weakref.ref(int)
a = weakref.ref(A, l.append)
A = None
gc.collect()
print(a())
print(l == [a])
