# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_functools.py#L1824
# Adapted: TestLRU.test_lru_cache_weakrefable with self.module = functools; asserts become prints. (The original staticmethod's body refers to the test's self; here it is the module-level name self, never called.)
import functools
import gc
import weakref

self = None

@functools.lru_cache
def test_function(x):
    return x

class A:
    @functools.lru_cache
    def test_method(self, x):
        return (self, x)

    @staticmethod
    @functools.lru_cache
    def test_staticmethod(x):
        return (self, x)

refs = [weakref.ref(test_function),
        weakref.ref(A.test_method),
        weakref.ref(A.test_staticmethod)]

for ref in refs:
    print(ref() is not None)

del A
del test_function
gc.collect()

for ref in refs:
    print(ref())
