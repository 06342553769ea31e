# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L651
# Adapted: test_callback_reachable_one_way and test_callback_different_classes merged; they only check nothing crashes, so the callbacks print what they see.
import gc
import weakref

def test_callback_reachable_one_way():
    class C:
        def cb(self, ignore):
            self.me
            self.c1
            self.wr
            print("cb ran")

    c1, c2 = C(), C()

    c2.me = c2
    c2.c1 = c1
    c2.wr = weakref.ref(c1, c2.cb)

    del c1, c2
    gc.collect()

def test_callback_different_classes():
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
    gc.collect()

gc.disable()
gc.collect()
test_callback_reachable_one_way()
test_callback_different_classes()
print("done")
