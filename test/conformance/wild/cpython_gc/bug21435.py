# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L699
# Adapted: setUpModule's gc.disable() kept; the test only checks nothing crashes, so it prints what collect() returns.
import gc
gc.disable()
gc.collect()

gc.collect()

class A:
    pass

class B:
    def __init__(self, x):
        self.x = x

    def __del__(self):
        self.attr = None

def do_work():
    a = A()
    b = B(A())

    a.attr = b
    b.attr = a

do_work()
print(gc.collect()) # this blows up (bad C pointer) when it fails
