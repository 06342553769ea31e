# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L657
# Adapted: setUpModule's gc.disable() kept; asserts become prints of the asserted values.
import gc
gc.disable()
gc.collect()

# Objects not tracked by the always gc return false
print(gc.is_finalized(3))

storage = []
class Lazarus:
    def __del__(self):
        storage.append(self)

lazarus = Lazarus()
print(gc.is_finalized(lazarus))

del lazarus
gc.collect()

lazarus = storage.pop()
print(gc.is_finalized(lazarus))
