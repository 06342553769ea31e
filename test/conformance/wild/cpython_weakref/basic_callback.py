# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L130
# Adapted: check_basic_callback, TestBase.callback and the factories copied from the test module; gc_collect() becomes gc.collect(); asserts become prints.
import gc
import weakref

class C:
    def method(self):
        pass

def create_function():
    def f(): pass
    return f

def create_bound_method():
    return C().method

cbcalled = 0
def callback(ref):
    global cbcalled
    cbcalled += 1

def check_basic_callback(factory):
    global cbcalled
    cbcalled = 0
    o = factory()
    ref = weakref.ref(o, callback)
    del o
    gc.collect()  # For PyPy or other GCs.
    print(cbcalled)
    print(ref())

check_basic_callback(C)
check_basic_callback(create_function)
check_basic_callback(create_bound_method)
