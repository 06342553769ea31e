# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L844
# Adapted: _check_copy_weakdict run for WeakKeyDictionary and WeakValueDictionary; support.gc_collect() becomes gc.collect(); asserts become prints.
import copy
import gc
import weakref

def _check_copy_weakdict(_dicttype):
    class C(object):
        pass
    a, b, c, d = [C() for i in range(4)]
    u = _dicttype()
    u[a] = b
    u[c] = d
    v = copy.copy(u)
    print(v is not u)
    print(v == u)
    print(v[a] == b)
    print(v[c] == d)
    print(len(v))
    del c, d
    gc.collect()  # For PyPy or other GCs.
    print(len(v))
    x, y = C(), C()
    # The underlying containers are decoupled
    v[x] = y
    print(x not in u)

_check_copy_weakdict(weakref.WeakKeyDictionary)
_check_copy_weakdict(weakref.WeakValueDictionary)
