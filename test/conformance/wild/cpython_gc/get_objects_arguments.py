# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L905
# Adapted: setUpModule's gc.disable() kept; assertRaises becomes a print of the exception.
import gc
gc.disable()
gc.collect()

gc.collect()
print(len(gc.get_objects()) == len(gc.get_objects(generation=None)))

for arg in (1000, -1000, "1", 1.234):
    try:
        gc.get_objects(arg)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
