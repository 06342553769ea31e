# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L135
# Adapted: setUpModule's gc.disable() kept; assert(Not)Equal on gc.collect() becomes a print of the count.
import gc
gc.disable()
gc.collect()

def test_newinstance():
    class A(object):
        pass
    a = A()
    a.a = a
    gc.collect()
    del a
    print(gc.collect())
    class B(list):
        pass
    class C(B, A):
        pass
    a = C()
    a.a = a
    gc.collect()
    del a
    print(gc.collect())
    del B, C
    print(gc.collect())
    A.a = A()
    del A
    print(gc.collect())
    print(gc.collect())

test_newinstance()
