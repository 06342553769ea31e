# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L853
# Adapted: unittest asserts become prints of the asserted values; the test method becomes top-level code.
import gc

gc.freeze()
print(gc.get_freeze_count() > 0)
gc.unfreeze()
print(gc.get_freeze_count())
