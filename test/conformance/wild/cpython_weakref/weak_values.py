# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L1272
# Adapted: make_weak_valued_dict, Object and C copied from the test module; gc_collect() becomes gc.collect(); asserts become prints.
import gc
import weakref

class C:
    def method(self):
        pass

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

dict, objects = make_weak_valued_dict()
for o in objects:
    print(weakref.getweakrefcount(o), o is dict[o.arg])
items1 = list(dict.items())
items2 = list(dict.copy().items())
items1.sort()
items2.sort()
print(items1 == items2, items1[:3])
del items1, items2
print(len(dict))
del objects[0]
gc.collect()  # For PyPy or other GCs.
print(len(dict))
del objects, o
gc.collect()  # For PyPy or other GCs.
print(len(dict))
# regression on SF bug #447152:
dict = weakref.WeakValueDictionary()
try:
    dict.__getitem__(1)
except KeyError as e:
    print("KeyError:", e)
dict[2] = C()
gc.collect()  # For PyPy or other GCs.
try:
    dict.__getitem__(2)
except KeyError as e:
    print("KeyError:", e)
