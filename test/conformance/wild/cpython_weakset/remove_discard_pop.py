# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakset.py#L233
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

# test_remove
x = ustr('a')
self.s.remove(x)
print(x in self.s)
try:
    self.s.remove(x)
except KeyError as e:
    print("KeyError:", e)
try:
    self.s.remove([])
except TypeError as e:
    print("TypeError:", e)

# test_discard (with a fresh setUp set)
self.s = WeakSet(self.items)
a, q = ustr('a'), ustr('Q')
self.s.discard(a)
print(a in self.s)
self.s.discard(q)
try:
    self.s.discard([])
except TypeError as e:
    print("TypeError:", e)

# test_pop
self.s = WeakSet(self.items)
for i in range(len(self.s)):
    elem = self.s.pop()
    print(elem in self.s)
try:
    self.s.pop()
except KeyError as e:
    print("KeyError:", e)
