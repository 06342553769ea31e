# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakset.py#L148
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

print(self.ab_weakset <= self.abcde_weakset)
print(self.abcde_weakset <= self.abcde_weakset)
print(self.abcde_weakset >= self.ab_weakset)
print(self.abcde_weakset <= self.def_weakset)
print(self.abcde_weakset >= self.def_weakset)
print(set('a').issubset('abc'))
print(set('abc').issuperset('a'))
print(set('a').issubset('cbs'))
print(set('cbs').issuperset('a'))

# test_lt
print(self.ab_weakset < self.abcde_weakset)
print(self.abcde_weakset < self.def_weakset)
print(self.ab_weakset < self.ab_weakset)
print(WeakSet() < WeakSet())

# test_gt
print(self.abcde_weakset > self.ab_weakset)
print(self.abcde_weakset > self.def_weakset)
print(self.ab_weakset > self.ab_weakset)
print(WeakSet() > WeakSet())
