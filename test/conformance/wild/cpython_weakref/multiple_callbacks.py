# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L147
# Adapted: TestBase.callback becomes a global counter; gc_collect() becomes gc.collect(); the self-referencing-callbacks test (L158) follows; asserts become prints.
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
ref1 = weakref.ref(o, callback)
ref2 = weakref.ref(o, callback)
del o
gc.collect()  # For PyPy or other GCs.
print(ref1())
print(ref2())
print(cbcalled)

# test_multiple_selfref_callbacks: all references are invalidated
# before any of the callbacks are invoked
class Holder:
    pass
h = Holder()
def callback2(object, self=h):
    print("callback sees", self.ref())
c = C()
h.ref = weakref.ref(c, callback2)
ref1 = weakref.ref(c, callback2)
del c
