# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L159
# Adapted: setUpModule's gc.disable() kept; assertNotEqual(gc.collect(), 0) becomes a print of the count.
import gc
gc.disable()
gc.collect()

def test_method():
    # Tricky: self.__init__ is a bound method, it references the instance.
    class A:
        def __init__(self):
            self.init = self.__init__
    a = A()
    gc.collect()
    del a
    print(gc.collect())

test_method()
