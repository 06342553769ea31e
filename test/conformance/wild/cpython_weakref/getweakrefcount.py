# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L490
# Adapted: TestBase.callback becomes a function; gc_collect() becomes gc.collect(); asserts become prints.
import gc
import weakref

class C:
    def method(self):
        pass

cbcalled = 0
def callback(ref):
    global cbcalled
    cbcalled += 1

o = C()
ref1 = weakref.ref(o)
ref2 = weakref.ref(o, callback)
print(weakref.getweakrefcount(o))

proxy1 = weakref.proxy(o)
proxy2 = weakref.proxy(o, callback)
print(weakref.getweakrefcount(o))

del ref1, ref2, proxy1, proxy2
gc.collect()  # For PyPy or other GCs.
print(weakref.getweakrefcount(o))

# assumes ints do not support weakrefs
print(weakref.getweakrefcount(1))
