# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_dict.py#L922
# Adapted: DictTest.test_track_dynamic and test_track_subtypes with the _tracked/_not_tracked helpers copied; assertions become prints of gc.is_tracked.
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

class MyObject(object):
    pass
x, y, z, w, o = 1.5, "a", (1, object()), [], MyObject()

d = dict()
_not_tracked(d)
d[1] = "a"
_not_tracked(d)
d[y] = 2
_not_tracked(d)
d[z] = 3
_not_tracked(d)
_not_tracked(d.copy())
d[4] = w
_tracked(d)
_tracked(d.copy())
d[4] = None
_not_tracked(d)
_not_tracked(d.copy())

d = dict()
dd = dict()
d[1] = dd
_not_tracked(dd)
_tracked(d)
dd[1] = d
_tracked(dd)

d = dict.fromkeys([x, y, z])
_not_tracked(d)
dd = dict()
dd.update(d)
_not_tracked(dd)
d = dict.fromkeys([x, y, z, o])
_tracked(d)
dd = dict()
dd.update(d)
_tracked(dd)

d = dict(x=x, y=y, z=z)
_not_tracked(d)
d = dict(x=x, y=y, z=z, w=w)
_tracked(d)
d = dict()
d.update(x=x, y=y, z=z)
_not_tracked(d)
d.update(w=w)
_tracked(d)

d = dict([(x, y), (z, 1)])
_not_tracked(d)
d = dict([(x, y), (z, w)])
_tracked(d)
d = dict()
d.update([(x, y), (z, 1)])
_not_tracked(d)
d.update([(x, y), (z, w)])
_tracked(d)

class MyDict(dict):
    pass
_tracked(MyDict())
