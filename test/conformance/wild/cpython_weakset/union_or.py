# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakset.py#L72
# Adapted: module helpers the test uses and setUp run at top level (`self` a plain namespace object); support.gc_collect() becomes gc.collect(); asserts become prints.
from weakref import WeakSet
import string
from collections import UserString as ustr
from collections.abc import Set, MutableSet
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

u = self.s.union(self.items2)
print(all((c in u) == (c in self.d or c in self.items2) for c in self.letters))
print(self.s == WeakSet(self.items))
print(type(u) == WeakSet)
try:
    self.s.union([[]])
except TypeError as e:
    print("TypeError:", e)
for C in set, frozenset, dict.fromkeys, list, tuple:
    x = WeakSet(self.items + self.items2)
    c = C(self.items2)
    print(self.s.union(c) == x)
    del c
print(len(u), len(self.items) + len(self.items2))
self.items2.pop()
gc.collect()
print(len(u), len(self.items) + len(self.items2))

# test_or
self.items2 = [ustr(c) for c in ('x', 'y', 'z')]
i = self.s.union(self.items2)
print(self.s | set(self.items2) == i)
print(self.s | frozenset(self.items2) == i)
