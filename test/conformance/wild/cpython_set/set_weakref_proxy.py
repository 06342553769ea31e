# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_set.py#L594
# Adapted: TestSet.test_weakref as a standalone program for set and frozenset; assertions become prints, the ReferenceError is caught and printed.
import gc
import weakref

for thetype in (set, frozenset):
    s = thetype('gallahad')
    p = weakref.proxy(s)
    print(str(p) == str(s), len(p))
    s = None
    gc.collect()
    try:
        str(p)
    except ReferenceError as e:
        print("ReferenceError:", e)
