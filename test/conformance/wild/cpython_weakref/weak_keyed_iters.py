# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L1334
# Adapted: make_weak_keyed_dict, check_iters and Object copied from the test module; asserts become prints.
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

def check_iters(dict):
    # item iterator:
    items = list(dict.items())
    for item in dict.items():
        items.remove(item)
    print(items)

    # key iterator, via __iter__():
    keys = list(dict.keys())
    for k in dict:
        keys.remove(k)
    print(keys)

    # key iterator, via iterkeys():
    keys = list(dict.keys())
    for k in dict.keys():
        keys.remove(k)
    print(keys)

    # value iterator:
    values = list(dict.values())
    for v in dict.values():
        values.remove(v)
    print(values)

dict, objects = make_weak_keyed_dict()
check_iters(dict)

# Test keyrefs()
refs = dict.keyrefs()
print(len(refs), len(objects))
objects2 = list(objects)
for wr in refs:
    ob = wr()
    print(ob in dict, ob.arg == dict[ob])
    objects2.remove(ob)
print(len(objects2))
