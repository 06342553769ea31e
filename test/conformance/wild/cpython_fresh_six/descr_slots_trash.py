# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_descr.py#L3891
# Adapted: ClassPropertiesAndMethods.test_slots_trash as top-level code; the test only checks nothing crashes, so it prints what is left.
import gc

class trash(object):
    __slots__ = ['x']
    def __init__(self, x):
        self.x = x
o = None
for i in range(50000):
    o = trash(o)
del o
print(gc.collect())
