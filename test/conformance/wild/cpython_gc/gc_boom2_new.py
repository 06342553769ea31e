# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L565
# Adapted: GCTests.test_boom2_new as a standalone program; assertEqual becomes print.
import gc

gc.disable()
class Boom2_New(object):
    def __init__(self):
        self.x = 0

    def __getattr__(self, someattribute):
        self.x += 1
        if self.x > 1:
            del self.attr
        raise AttributeError

a = Boom2_New()
b = Boom2_New()
a.attr = b
b.attr = a

gc.collect()
garbagelen = len(gc.garbage)
del a, b
print(gc.collect())
print(len(gc.garbage) == garbagelen)
