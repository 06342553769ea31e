# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L1534
# Adapted: test_make_weak_keyed_dict_from_dict, _from_weak_keyed_dict, the valued twins and test_make_weak_valued_dict_misc merged; asserts become prints.
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

o = Object(3)
dict = weakref.WeakKeyDictionary({o:364})
print(dict[o])

o = Object(3)
dict = weakref.WeakKeyDictionary({o:364})
dict2 = weakref.WeakKeyDictionary(dict)
print(dict[o], dict2[o])

o = Object(3)
dict = weakref.WeakValueDictionary({364:o})
print(dict[364])

o = Object(3)
dict = weakref.WeakValueDictionary({364:o})
dict2 = weakref.WeakValueDictionary(dict)
print(dict[364], dict2[364])

# errors
for args in [(), ({}, {}), ((), ())]:
    try:
        if args:
            weakref.WeakValueDictionary(*args)
        else:
            weakref.WeakValueDictionary.__init__()
    except TypeError as e:
        print("TypeError:", e)
# special keyword arguments
o = Object(3)
for kw in 'self', 'dict', 'other', 'iterable':
    d = weakref.WeakValueDictionary(**{kw: o})
    print(list(d.keys()), d[kw])
