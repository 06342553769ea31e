# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_dict.py#L867
# Adapted: DictTest.test_container_iterator as a standalone program; the assertion becomes a print of ref() and of gc.collect()'s result (after a first gc.collect() so the count only depends on the program).
import gc
import weakref

gc.collect()

class C(object):
    pass

views = (dict.items, dict.values, dict.keys)
for v in views:
    obj = C()
    ref = weakref.ref(obj)
    container = {obj: 1}
    obj.v = v(container)
    obj.x = iter(obj.v)
    del obj, container
    print(v.__name__, gc.collect(), ref() is None)
