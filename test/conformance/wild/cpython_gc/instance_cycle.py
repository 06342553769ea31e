# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L126
# Adapted: setUpModule's gc.disable() kept; assertNotEqual(gc.collect(), 0) becomes a print of the count.
import gc
gc.disable()
gc.collect()

def test_instance():
    class A:
        pass
    a = A()
    a.a = a
    gc.collect()
    del a
    print(gc.collect())

test_instance()
