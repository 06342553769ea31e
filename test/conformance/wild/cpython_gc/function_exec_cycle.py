# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L221
# Adapted: setUpModule's gc.disable() kept; asserts become prints of the asserted values.
import gc
gc.disable()
gc.collect()

def test_function():
    # Tricky: f -> d -> f, code should call d.clear() after the exec to
    # break the cycle.
    d = {}
    exec("def f(): pass\n", d)
    gc.collect()
    del d
    print(gc.collect())

test_function()
