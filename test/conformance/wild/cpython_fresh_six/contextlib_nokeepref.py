# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_contextlib.py#L335
# Adapted: ContextManagerTestCase.test_nokeepref as top-level code; support.gc_collect() becomes gc.collect(); assertIsNone becomes a print.
import gc
import weakref
from contextlib import contextmanager

class A:
    pass

@contextmanager
def woohoo(a, b):
    a = weakref.ref(a)
    b = weakref.ref(b)
    # Allow test to work with a non-refcounted GC
    gc.collect()
    print(a(), b())
    yield

with woohoo(A(), b=A()):
    pass
