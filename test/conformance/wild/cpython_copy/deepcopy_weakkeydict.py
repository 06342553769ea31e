# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L850
# Adapted: support.gc_collect() becomes gc.collect(); asserts become prints.
import copy
import gc
import weakref

class C(object):
    def __init__(self, i):
        self.i = i
a, b, c, d = [C(i) for i in range(4)]
u = weakref.WeakKeyDictionary()
u[a] = b
u[c] = d
# Keys aren't copied, values are
v = copy.deepcopy(u)
print(v != u)
print(len(v))
print(v[a] is not b)
print(v[c] is not d)
print(v[a].i, b.i)
print(v[c].i, d.i)
del c
gc.collect()  # For PyPy or other GCs.
print(len(v))
