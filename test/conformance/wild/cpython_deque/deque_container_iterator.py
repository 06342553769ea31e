# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_deque.py#L725
# Adapted: TestBasic.test_container_iterator as a standalone program; gc.collect() first so the printed count depends only on the program; the assertion becomes a print.
import gc
import weakref
from collections import deque

gc.collect()

class C(object):
    pass
for i in range(2):
    obj = C()
    ref = weakref.ref(obj)
    if i == 0:
        container = deque([obj, 1])
    else:
        container = reversed(deque([obj, 1]))
    obj.x = iter(container)
    del obj, container
    print(i, gc.collect(), ref() is None)
