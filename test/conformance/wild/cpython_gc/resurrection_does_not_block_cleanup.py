# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L985
# Adapted: setUpModule's gc.disable() kept; asserts become prints of the asserted values.
import gc
gc.disable()
gc.collect()

def test_resurrection_does_not_block_cleanup_of_other_objects():
    N = 100

    class A:  # simple self-loop
        def __init__(self):
            self.me = self

    class Z(A):  # resurrecting __del__
        def __del__(self):
            zs.append(self)

    zs = []

    def getstats():
        d = gc.get_stats()[-1]
        return d['collected'], d['uncollectable']

    gc.collect()
    gc.disable()

    # No problems if just collecting A() instances.
    oldc, oldnc = getstats()
    for i in range(N):
        A()
    t = gc.collect()
    c, nc = getstats()
    print(t, c - oldc, nc - oldnc)

    # But Z() is not actually collected.
    oldc, oldnc = c, nc
    Z()
    # Nothing is collected - Z() is merely resurrected.
    t = gc.collect()
    c, nc = getstats()
    print(t, c - oldc, nc - oldnc)

    # Z() should not prevent anything else from being collected.
    oldc, oldnc = c, nc
    for i in range(N):
        A()
    Z()
    t = gc.collect()
    c, nc = getstats()
    print(t, c - oldc, nc - oldnc)

    # The A() trash should have been reclaimed already but the
    # 2 copies of Z are still in zs (and the associated dicts).
    oldc, oldnc = c, nc
    zs.clear()
    t = gc.collect()
    c, nc = getstats()
    print(t, c - oldc, nc - oldnc)

test_resurrection_does_not_block_cleanup_of_other_objects()
