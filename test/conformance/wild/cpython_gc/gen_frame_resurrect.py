# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_generators.py#L50
# Adapted: support.gc_collect() becomes gc.collect(); asserts become prints of the asserted values.
import gc
import sys
import weakref

def test_frame_resurrect():
    # A generator frame can be resurrected by a generator's finalization.
    def gen():
        nonlocal frame
        try:
            yield
        finally:
            frame = sys._getframe()

    g = gen()
    wr = weakref.ref(g)
    next(g)
    del g
    gc.collect()
    print(wr())
    print(bool(frame))
    del frame
    gc.collect()

test_frame_resurrect()
