# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L329
# Adapted: test_del and test_del_newclass merged (they only check nothing crashes); prints the restored thresholds.
import gc
gc.disable()
gc.collect()

def test_del():
    # __del__ methods can trigger collection, make this to happen
    thresholds = gc.get_threshold()
    gc.enable()
    gc.set_threshold(1)

    class A:
        def __del__(self):
            dir(self)
    a = A()
    del a

    gc.disable()
    gc.set_threshold(*thresholds)

def test_del_newclass():
    # __del__ methods can trigger collection, make this to happen
    thresholds = gc.get_threshold()
    gc.enable()
    gc.set_threshold(1)

    class A(object):
        def __del__(self):
            dir(self)
    a = A()
    del a

    gc.disable()
    gc.set_threshold(*thresholds)

test_del()
test_del_newclass()
print(gc.get_threshold(), gc.isenabled())
