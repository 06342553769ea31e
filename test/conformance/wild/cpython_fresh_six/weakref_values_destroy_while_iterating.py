# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L1509
# Adapted: the first half of MappingTestCase.test_weak_values_destroy_while_iterating (check_weak_destroy_while_iterating for keys, items, values, itervaluerefs, valuerefs); Object, make_weak_valued_dict and the helper copied from the test module; asserts become prints.
import gc
import weakref

class Object:
    def __init__(self, arg):
        self.arg = arg
    def __repr__(self):
        return "<Object %r>" % self.arg
    def __eq__(self, other):
        if isinstance(other, Object):
            return self.arg == other.arg
        return NotImplemented
    def __lt__(self, other):
        if isinstance(other, Object):
            return self.arg < other.arg
        return NotImplemented
    def __hash__(self):
        return hash(self.arg)

COUNT = 10

def make_weak_valued_dict():
    dict = weakref.WeakValueDictionary()
    objects = list(map(Object, range(COUNT)))
    for o in objects:
        dict[o.arg] = o
    return dict, objects

def check_weak_destroy_while_iterating(dict, objects, iter_name):
    n = len(dict)
    it = iter(getattr(dict, iter_name)())
    next(it)             # Trigger internal iteration
    # Destroy an object
    del objects[-1]
    gc.collect()    # just in case
    # We have removed either the first consumed object, or another one
    print(iter_name, len(list(it)), len(objects))
    del it
    # The removal has been committed
    print(len(dict), n - 1)

dict, objects = make_weak_valued_dict()
check_weak_destroy_while_iterating(dict, objects, 'keys')
check_weak_destroy_while_iterating(dict, objects, 'items')
check_weak_destroy_while_iterating(dict, objects, 'values')
check_weak_destroy_while_iterating(dict, objects, 'itervaluerefs')
check_weak_destroy_while_iterating(dict, objects, 'valuerefs')
print(sorted(dict.keys()))
