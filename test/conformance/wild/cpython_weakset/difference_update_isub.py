# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakset.py#L288
# Adapted: module helpers the test uses and setUp run at top level (`self` a plain namespace object); support.gc_collect() becomes gc.collect(); asserts become prints.
from weakref import WeakSet
import string
from collections import UserString as ustr
import gc



class TestWeakSet:
    pass

# setUp
self = TestWeakSet()
# need to keep references to them
self.items = [ustr(c) for c in ('a', 'b', 'c')]
self.items2 = [ustr(c) for c in ('x', 'y', 'z')]
self.ab_items = [ustr(c) for c in 'ab']
self.abcde_items = [ustr(c) for c in 'abcde']
self.def_items = [ustr(c) for c in 'def']
self.ab_weakset = WeakSet(self.ab_items)
self.abcde_weakset = WeakSet(self.abcde_items)
self.def_weakset = WeakSet(self.def_items)
self.letters = [ustr(c) for c in string.ascii_letters]
self.s = WeakSet(self.items)
self.d = dict.fromkeys(self.items)
self.obj = ustr('F')
self.fs = WeakSet([self.obj])

retval = self.s.difference_update(self.items2)
print(retval)
for c in (self.items + self.items2):
    if c in self.items and c not in self.items2:
        print(c, c in self.s)
    else:
        print(c, c not in self.s)
for m in (self.s.difference_update, self.s.symmetric_difference_update):
    try:
        m([[]])
    except TypeError as e:
        print("TypeError:", e)

# test_isub
self.s = WeakSet(self.items)
self.s -= set(self.items2)
for c in (self.items + self.items2):
    if c in self.items and c not in self.items2:
        print(c, c in self.s)
    else:
        print(c, c not in self.s)
