# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L545
# Adapted: test_boom_new and test_boom2_new merged, run as functions (setUpModule's gc.disable() kept); asserts become prints.
import gc
gc.disable()
gc.collect()

def test_boom_new():
    class Boom_New(object):
        def __getattr__(self, someattribute):
            del self.attr
            raise AttributeError

    a = Boom_New()
    b = Boom_New()
    a.attr = b
    b.attr = a

    gc.collect()
    garbagelen = len(gc.garbage)
    del a, b
    print(gc.collect())
    print(len(gc.garbage), garbagelen)

def test_boom2_new():
    class Boom2_New(object):
        def __init__(self):
            self.x = 0

        def __getattr__(self, someattribute):
            self.x += 1
            if self.x > 1:
                del self.attr
            raise AttributeError

    a = Boom2_New()
    b = Boom2_New()
    a.attr = b
    b.attr = a

    gc.collect()
    garbagelen = len(gc.garbage)
    del a, b
    print(gc.collect())
    print(len(gc.garbage), garbagelen)

test_boom_new()
test_boom2_new()
