# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L703
# Adapted: asserts become prints of the asserted values.
import gc
import weakref

def test_callback_in_cycle_resurrection():
    alist = []
    class C(object):
        def __init__(self, value):
            self.attribute = value

        def acallback(self, ignore):
            alist.append(self.c)

    c1, c2 = C(1), C(2)
    c1.c = c2
    c2.c = c1
    c1.wr = weakref.ref(c2, c1.acallback)
    c2.wr = weakref.ref(c1, c2.acallback)

    def C_went_away(ignore):
        alist.append("C went away")
    wr = weakref.ref(C, C_went_away)

    del c1, c2, C   # make them all trash
    print(alist)  # del isn't enough to reclaim anything

    gc.collect()
    # c1.wr and c2.wr were part of the cyclic trash, so should have
    # been cleared without their callbacks executing.  OTOH, the weakref
    # to C is bound to a function local (wr), and wasn't trash, so that
    # callback should have been invoked when C went away.
    print(alist)
    # The remaining weakref should be dead now (its callback ran).
    print(wr())

    del alist[:]
    gc.collect()
    print(alist)

gc.disable()
gc.collect()
test_callback_in_cycle_resurrection()
