# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L344
# Adapted: GCTests.test_del_newclass as a standalone program; it checks nothing crashes, so the program prints the state it restores.
import gc

thresholds = gc.get_threshold()
gc.enable()
gc.set_threshold(1)

class A(object):
    def __del__(self):
        print("del", len(dir(self)) > 0)
a = A()
del a

gc.disable()
gc.set_threshold(*thresholds)
print(gc.get_threshold(), gc.isenabled())
