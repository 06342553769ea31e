# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakset.py#L55
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

# test_len
print(len(self.s), len(self.d))
print(len(self.fs))
del self.obj
gc.collect()  # For PyPy or other GCs.
print(len(self.fs))

# test_contains (with a fresh setUp object)
self.obj = ustr('F')
self.fs = WeakSet([self.obj])
print([c in self.s for c in self.letters] == [c in self.d for c in self.letters])
# 1 is not weakref'able, but that TypeError is caught by __contains__
print(1 in self.s)
print(self.obj in self.fs)
del self.obj
gc.collect()  # For PyPy or other GCs.
print(ustr('F') in self.fs)
