# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L1236
# Adapted: check_len_cycles run for WeakKeyDictionary and WeakValueDictionary; RefCycle copied; asserts become prints.
import gc
import weakref

class RefCycle:
    def __init__(self):
        self.cycle = self

def check_len_cycles(dict_type, cons):
    N = 20
    items = [RefCycle() for i in range(N)]
    dct = dict_type(cons(o) for o in items)
    # Keep an iterator alive
    it = dct.items()
    try:
        next(it)
    except StopIteration:
        pass
    del items
    gc.collect()
    n1 = len(dct)
    del it
    gc.collect()
    n2 = len(dct)
    # one item may be kept alive inside the iterator
    print(n1 in (0, 1), n1)
    print(n2)

check_len_cycles(weakref.WeakKeyDictionary, lambda k: (k, 1))
check_len_cycles(weakref.WeakValueDictionary, lambda k: (1, k))
