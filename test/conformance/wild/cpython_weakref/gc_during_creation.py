# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L787
# Adapted: check_gc_during_creation run for ref and proxy; it only checks nothing crashes, so it prints the restored thresholds.
import gc
import weakref

def check_gc_during_creation(makeref):
    thresholds = gc.get_threshold()
    gc.set_threshold(1, 1, 1)
    gc.collect()
    class A:
        pass

    def callback(*args):
        pass

    referenced = A()

    a = A()
    a.a = a
    a.wr = makeref(referenced)

    try:
        # now make sure the object and the ref get labeled as
        # cyclic trash:
        a = A()
        weakref.ref(referenced, callback)

    finally:
        gc.set_threshold(*thresholds)

check_gc_during_creation(weakref.ref)
check_gc_during_creation(weakref.proxy)
print(gc.get_threshold())
