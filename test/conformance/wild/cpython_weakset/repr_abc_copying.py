# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakset.py#L450
# Adapted: module helpers the test uses and setUp run at top level (`self` a plain namespace object); support.gc_collect() becomes gc.collect(); asserts become prints.
from weakref import WeakSet
import copy
import string
from collections import UserString as ustr
from collections.abc import Set, MutableSet
import gc


class WeakSetWithSlots(WeakSet):
    __slots__ = ('x', 'y')


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

# test_repr
print(repr(self.s) == repr(self.s.data))

# test_abc
print(isinstance(self.s, Set))
print(isinstance(self.s, MutableSet))

# test_copying
for cls in WeakSet, WeakSetWithSlots:
    s = cls(self.items)
    s.x = ['x']
    s.z = ['z']

    dup = copy.copy(s)
    print(isinstance(dup, cls))
    print(dup == s)
    print(dup is not s)
    print(dup.x is s.x)
    print(dup.z is s.z)
    print(hasattr(dup, 'y'))
