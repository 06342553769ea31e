# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L111
# Adapted: test_class and test_newstyleclass merged (setUpModule's gc.disable() kept); assertNotEqual(gc.collect(), 0) becomes a print of the count.
import gc
gc.disable()
gc.collect()

def test_class():
    class A:
        pass
    A.a = A
    gc.collect()
    del A
    print(gc.collect())

def test_newstyleclass():
    class A(object):
        pass
    gc.collect()
    del A
    print(gc.collect())

test_class()
test_newstyleclass()
