# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L611
# Adapted: the test only checks nothing crashes; prints what gc.collect() returns.
import gc
import weakref

def test_callback_in_cycle():
    class J(object):
        pass

    class II(object):
        def acallback(self, ignore):
            self.J

    I = II()
    I.J = J
    I.wr = weakref.ref(J, I.acallback)

    # Now J and II are each in a self-cycle (as all new-style class
    # objects are, since their __mro__ points back to them).  I holds
    # both a weak reference (I.wr) and a strong reference (I.J) to class
    # J.  I is also in a cycle (I.wr points to a weakref that references
    # I.acallback).  When we del these three, they all become trash, but
    # the cycles prevent any of them from getting cleaned up immediately.
    del I, J, II
    print(gc.collect() > 0)

gc.disable()
gc.collect()
test_callback_in_cycle()
