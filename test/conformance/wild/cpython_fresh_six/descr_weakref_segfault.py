# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_descr.py#L4437
# Adapted: test_weakref_segfault as top-level code; Provoker.__del__ prints what its weakref returns, and gc.collect()'s result is printed (the test only checks nothing crashes).
import gc
import weakref

class Provoker:
    def __init__(self, referrent):
        self.ref = weakref.ref(referrent)

    def __del__(self):
        x = self.ref()
        print("Provoker.__del__", x)

class Oops(object):
    pass

o = Oops()
o.whatever = Provoker(o)
del o
print(gc.collect())
