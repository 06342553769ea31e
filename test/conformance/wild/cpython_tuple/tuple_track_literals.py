# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_tuple.py#L306
# Adapted: TupleTest.test_track_literals with the _tracked/_not_tracked helpers copied; assertions become prints of gc.is_tracked.
import gc

def _not_tracked(t):
    gc.collect()
    gc.collect()
    print("not tracked?", not gc.is_tracked(t))

def _tracked(t):
    a = gc.is_tracked(t)
    gc.collect()
    gc.collect()
    print("tracked?", a and gc.is_tracked(t))

x, y, z = 1.5, "a", []

_not_tracked(())
_not_tracked((1,))
_not_tracked((1, 2))
_not_tracked((1, 2, "a"))
_not_tracked((1, 2, (None, True, False, ()), int))
_not_tracked((object(),))
_not_tracked(((1, x), y, (2, 3)))

_tracked(([],))
_tracked(([1],))
_tracked(({},))
_tracked((set(),))
_tracked((x, y, z))
