# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakset.py#L337
# Adapted: module helpers the test uses and setUp run at top level (`self` a plain namespace object); support.gc_collect() becomes gc.collect(); asserts become prints.
from weakref import WeakSet
import string
from collections import UserString as ustr
import gc


class Foo:
    pass


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

# issue 5964
print(self.s == self.s)
print(self.s == WeakSet(self.items))
print(self.s == set(self.items))
print(self.s == list(self.items))
print(self.s == tuple(self.items))
print(self.s == WeakSet([Foo]))
print(self.s == 1)

# test_ne
print(self.s != set(self.items))
s1 = WeakSet()
s2 = WeakSet()
print(s1 != s2)
