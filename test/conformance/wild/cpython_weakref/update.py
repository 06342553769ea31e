# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L1633
# Adapted: check_update, test_weak_valued_dict_update and test_weak_keyed_dict_update merged; asserts become prints.
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
    def __hash__(self):
        return hash(self.arg)

def check_update(klass, dict):
    weakdict = klass()
    weakdict.update(dict)
    print(len(weakdict), len(dict))
    for k in weakdict.keys():
        v = dict.get(k)
        print(k in dict, v is weakdict[k], v is weakdict.get(k))
    for k in dict.keys():
        v = dict[k]
        print(k in weakdict, v is weakdict[k], v is weakdict.get(k))

check_update(weakref.WeakValueDictionary,
             {1: C(), 'a': C(), C(): C()})
# errors
try:
    weakref.WeakValueDictionary.update()
except TypeError as e:
    print("TypeError:", e)
d = weakref.WeakValueDictionary()
for args in [({}, {}), ((), ())]:
    try:
        d.update(*args)
    except TypeError as e:
        print("TypeError:", e)
print(list(d.keys()))
# special keyword arguments
o = Object(3)
for kw in 'self', 'dict', 'other', 'iterable':
    d = weakref.WeakValueDictionary()
    d.update(**{kw: o})
    print(list(d.keys()), d[kw])

check_update(weakref.WeakKeyDictionary,
             {C(): 1, C(): 2, C(): 3})
