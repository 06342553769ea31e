# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L518
# Adapted: setUpModule's gc.disable() kept; asserts become prints of the asserted values.
import gc
gc.disable()
gc.collect()

class Boom2:
    def __init__(self):
        self.x = 0

    def __getattr__(self, someattribute):
        self.x += 1
        if self.x > 1:
            del self.attr
        raise AttributeError

a = Boom2()
b = Boom2()
a.attr = b
b.attr = a

gc.collect()
garbagelen = len(gc.garbage)
del a, b
# Much like test_boom(), except that __getattr__ doesn't break the
# cycle until the second time gc checks for __del__.
print(gc.collect())
print(len(gc.garbage), garbagelen)
