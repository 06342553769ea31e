# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L1304
# Adapted: make_weak_keyed_dict and Object copied from the test module; gc_collect() becomes gc.collect(); asserts become prints.
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
    def __hash__(self):
        return hash(self.arg)

COUNT = 10

def make_weak_keyed_dict():
    dict = weakref.WeakKeyDictionary()
    objects = list(map(Object, range(COUNT)))
    for o in objects:
        dict[o] = o.arg
    return dict, objects

dict, objects = make_weak_keyed_dict()
for o in objects:
    print(weakref.getweakrefcount(o), o.arg is dict[o])
items1 = dict.items()
items2 = dict.copy().items()
print(set(items1) == set(items2))
del items1, items2
print(len(dict))
del objects[0]
gc.collect()  # For PyPy or other GCs.
print(len(dict))
del objects, o
gc.collect()  # For PyPy or other GCs.
print(len(dict))
o = Object(42)
dict[o] = "What is the meaning of the universe?"
print(o in dict)
print(34 in dict)
