# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L917
# Adapted: the test only checks nothing crashes; prints the dictionary's length afterwards.
import gc
import weakref

class C:
    def __init__(self, parent):
        if not parent:
            return
        wself = weakref.ref(self)
        def cb(wparent):
            o = wself()
        self.wparent = weakref.ref(parent, cb)

d = weakref.WeakKeyDictionary()
root = c = C(None)
for n in range(100):
    d[c] = c = C(c)
del root
gc.collect()
print(len(d))
