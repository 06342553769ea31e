# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L870
# Adapted: support.gc_collect() becomes gc.collect(); asserts become prints.
import copy
import gc
import weakref

class C(object):
    def __init__(self, i):
        self.i = i
a, b, c, d = [C(i) for i in range(4)]
u = weakref.WeakValueDictionary()
u[a] = b
u[c] = d
# Keys are copied, values aren't
v = copy.deepcopy(u)
print(v != u)
print(len(v))
(x, y), (z, t) = sorted(v.items(), key=lambda pair: pair[0].i)
print(x is not a)
print(x.i, a.i)
print(y is b)
print(z is not c)
print(z.i, c.i)
print(t is d)
del x, y, z, t
del d
gc.collect()  # For PyPy or other GCs.
print(len(v))
