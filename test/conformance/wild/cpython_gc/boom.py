# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L494
# Adapted: setUpModule's gc.disable() kept; asserts become prints of the asserted values.
import gc
gc.disable()
gc.collect()

class Boom:
    def __getattr__(self, someattribute):
        del self.attr
        raise AttributeError

a = Boom()
b = Boom()
a.attr = b
b.attr = a

gc.collect()
garbagelen = len(gc.garbage)
del a, b
# a<->b are in a trash cycle now.  Collection will invoke
# Boom.__getattr__ (to see whether a and b have __del__ methods), and
# __getattr__ deletes the internal "attr" attributes as a side effect.
# Now __getattr__ isn't called.
print(gc.collect())
print(len(gc.garbage), garbagelen)
