# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L298
# Adapted: setUpModule's gc.disable() kept; asserts become prints of the asserted values.
import gc
import sys
gc.disable()
gc.collect()

def test_frame():
    def f():
        frame = sys._getframe()
    gc.collect()
    f()
    print(gc.collect())

test_frame()
