# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_set.py#L343
# Adapted: TestJointOps.test_container_iterator for set and frozenset; gc.collect() first so the printed count depends only on the program; the assertion becomes a print.
import gc
import weakref

gc.collect()

class C(object):
    pass

for thetype in (set, frozenset):
    obj = C()
    ref = weakref.ref(obj)
    container = thetype([obj, 1])
    obj.x = iter(container)
    del obj, container
    print(thetype.__name__, gc.collect(), ref() is None)
