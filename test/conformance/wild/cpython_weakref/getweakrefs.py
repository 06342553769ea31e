# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L512
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
ref1 = weakref.ref(o, callback)
ref2 = weakref.ref(o, callback)
del ref1
gc.collect()  # For PyPy or other GCs.
print(weakref.getweakrefs(o) == [ref2])

o = C()
ref1 = weakref.ref(o, callback)
ref2 = weakref.ref(o, callback)
del ref2
gc.collect()  # For PyPy or other GCs.
print(weakref.getweakrefs(o) == [ref1])

del ref1
gc.collect()  # For PyPy or other GCs.
print(weakref.getweakrefs(o))

# assumes ints do not support weakrefs
print(weakref.getweakrefs(1))
print(cbcalled)
