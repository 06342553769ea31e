# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L380
# Adapted: setUpModule's gc.disable() kept; asserts become prints of the asserted values.
import gc
gc.disable()
gc.collect()

def test_collect_generations():
    gc.collect()
    # This object will "trickle" into generation N + 1 after
    # each call to collect(N)
    x = []
    gc.collect(0)
    # x is now in gen 1
    a, b, c = gc.get_count()
    gc.collect(1)
    # x is now in gen 2
    d, e, f = gc.get_count()
    gc.collect(2)
    # x is now in gen 3
    g, h, i = gc.get_count()
    # We don't check a, d, g since their exact values depends on
    # internal implementation details of the interpreter.
    print((b, c))
    print((e, f))
    print((h, i))

test_collect_generations()
