# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L1710
# Adapted: test_weak_keyed_delitem, test_weak_valued_delitem and test_weak_keyed_bad_delitem merged; asserts become prints.
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

d = weakref.WeakKeyDictionary()
o1 = Object('1')
o2 = Object('2')
d[o1] = 'something'
d[o2] = 'something'
print(len(d))
del d[o1]
print(len(d))
print(list(d.keys()))

d = weakref.WeakValueDictionary()
o1 = Object('1')
o2 = Object('2')
d['something'] = o1
d['something else'] = o2
print(len(d))
del d['something']
print(len(d))
print(list(d.items()))

d = weakref.WeakKeyDictionary()
o = Object('1')
# An attempt to delete an object that isn't there should raise
# KeyError.  It didn't before 2.3.
for call in (lambda: d.__delitem__(o), lambda: d.__getitem__(o)):
    try:
        call()
    except KeyError as e:
        print("KeyError:", e)

# If a key isn't of a weakly referencable type, __getitem__ and
# __setitem__ raise TypeError.  __delitem__ should too.
for call in (lambda: d.__delitem__(13), lambda: d.__getitem__(13), lambda: d.__setitem__(13, 13)):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
