# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L675
# Adapted: ReferencesTestCase.test_callback_different_classes as a standalone program; gc.collect() first so the printed count depends only on the program; the callback prints.
import gc
import weakref

gc.collect()

class C(object):
    def cb(self, ignore):
        self.me
        self.c1
        self.wr
        print("cb ran")

class D:
    pass

c1, c2 = D(), C()

c2.me = c2
c2.c1 = c1
c2.wr = weakref.ref(c1, c2.cb)

del c1, c2, C, D
print(gc.collect())
