# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_dict.py#L904
# Adapted: DictTest.test_track_literals with the _tracked/_not_tracked helpers copied; assertions become prints of gc.is_tracked.
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

x, y, z, w = 1.5, "a", (1, None), []

_not_tracked({})
_not_tracked({x:(), y:x, z:1})
_not_tracked({1: "a", "b": 2})
_not_tracked({1: 2, (None, True, False, ()): int})
_not_tracked({1: object()})

_tracked({1: []})
_tracked({1: ([],)})
_tracked({1: {}})
_tracked({1: set()})
