# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakset.py#L219
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

x = ustr('Q')
self.s.add(x)
print(x in self.s)
dup = self.s.copy()
self.s.add(x)
print(self.s == dup)
try:
    self.s.add([])
except TypeError as e:
    print("TypeError:", e)
self.fs.add(Foo())
gc.collect()  # For PyPy or other GCs.
print(len(self.fs) == 1)
self.fs.add(self.obj)
print(len(self.fs) == 1)
