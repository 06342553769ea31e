# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L366
# Adapted: setUpModule's gc.disable() kept; asserts become prints of the asserted values.
import gc
gc.disable()
gc.collect()

def test_get_count():
    gc.collect()
    a, b, c = gc.get_count()
    x = []
    d, e, f = gc.get_count()
    print((b, c))
    print((e, f))
    # This is less fragile than asserting that a equals 0.
    print(a < 5)
    # Between the two calls to get_count(), at least one object was
    # created (the list).
    print(d > a)

test_get_count()
