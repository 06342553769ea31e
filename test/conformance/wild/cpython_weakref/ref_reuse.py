# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L218
# Adapted: gc_collect() becomes gc.collect(); test_proxy_reuse (L241) follows; asserts become prints.
import gc
import weakref

class C:
    def method(self):
        pass

o = C()
ref1 = weakref.ref(o)
# create a proxy to make sure that there's an intervening creation
# between these two; it should make no difference
proxy = weakref.proxy(o)
ref2 = weakref.ref(o)
print(ref1 is ref2)

o = C()
proxy = weakref.proxy(o)
ref1 = weakref.ref(o)
ref2 = weakref.ref(o)
print(ref1 is ref2)
print(weakref.getweakrefcount(o))
del proxy
gc.collect()  # For PyPy or other GCs.
print(weakref.getweakrefcount(o))

# test_proxy_reuse
o = C()
proxy1 = weakref.proxy(o)
ref = weakref.ref(o)
proxy2 = weakref.proxy(o)
print(proxy1 is proxy2)
