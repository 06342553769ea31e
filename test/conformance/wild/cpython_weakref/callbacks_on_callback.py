# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L749
# Adapted: asserts become prints of the asserted values.
import gc
import weakref

def test_callbacks_on_callback():
    # Set up weakref callbacks *on* weakref callbacks.
    alist = []
    def safe_callback(ignore):
        alist.append("safe_callback called")

    class C(object):
        def cb(self, ignore):
            alist.append("cb called")

    c, d = C(), C()
    c.other = d
    d.other = c
    callback = c.cb
    c.wr = weakref.ref(d, callback)     # this won't trigger
    d.wr = weakref.ref(callback, d.cb)  # ditto
    external_wr = weakref.ref(callback, safe_callback)  # but this will
    print(external_wr() is callback)

    del callback, c, d, C
    print(alist)  # del isn't enough to clean up cycles
    gc.collect()
    print(alist)
    print(external_wr())

    del alist[:]
    gc.collect()
    print(alist)

gc.disable()
gc.collect()
test_callbacks_on_callback()
