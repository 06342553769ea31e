# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_generators.py#L69
# Adapted: support.gc_collect() becomes gc.collect(); asserts become prints of the asserted values.
import gc
import sys

def test_refcycle():
    # A generator caught in a refcycle gets finalized anyway.
    old_garbage = gc.garbage[:]
    finalized = False
    def gen():
        nonlocal finalized
        try:
            g = yield
            yield 1
        finally:
            finalized = True

    g = gen()
    next(g)
    g.send(g)
    print(sys.getrefcount(g) > 2, sys.getrefcount(g))
    print(finalized)
    del g
    gc.collect()
    print(finalized)
    print(gc.garbage == old_garbage)

test_refcycle()
