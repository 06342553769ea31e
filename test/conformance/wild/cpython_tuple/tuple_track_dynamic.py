# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_tuple.py#L330
# Adapted: TupleTest.check_track_dynamic run for tuple (test_track_dynamic) and for a tuple subclass (test_track_subtypes); helpers copied; assertions become prints of gc.is_tracked.
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

def check_track_dynamic(tp, always_track):
    x, y, z = 1.5, "a", []

    check = _tracked if always_track else _not_tracked
    check(tp())
    check(tp([]))
    check(tp(set()))
    check(tp([1, x, y]))
    check(tp(obj for obj in [1, x, y]))
    check(tp(set([1, x, y])))
    check(tp(tuple([obj]) for obj in [1, x, y]))
    check(tuple(tp([obj]) for obj in [1, x, y]))

    _tracked(tp([z]))
    _tracked(tp([[x, y]]))
    _tracked(tp([{x: y}]))
    _tracked(tp(obj for obj in [x, y, z]))
    _tracked(tp(tuple([obj]) for obj in [x, y, z]))
    _tracked(tuple(tp([obj]) for obj in [x, y, z]))

check_track_dynamic(tuple, False)

class MyTuple(tuple):
    pass
check_track_dynamic(MyTuple, True)
