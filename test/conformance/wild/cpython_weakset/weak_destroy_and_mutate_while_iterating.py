# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakset.py#L369
# Adapted: module helpers the test uses and setUp run at top level (`self` a plain namespace object); support.gc_collect() becomes gc.collect(); asserts become prints.
from weakref import WeakSet
import string
from collections import UserString as ustr
import gc
import contextlib



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

# Issue #7105: iterators shouldn't crash when a key is implicitly removed
items = [ustr(c) for c in string.ascii_letters]
s = WeakSet(items)
@contextlib.contextmanager
def testcontext():
    try:
        it = iter(s)
        # Start iterator
        yielded = ustr(str(next(it)))
        # Schedule an item for removal and recreate it
        u = ustr(str(items.pop()))
        if yielded == u:
            # The iterator still has a reference to the removed item,
            # advance it (issue #20006).
            next(it)
        gc.collect()      # just in case
        yield u
    finally:
        it = None           # should commit all removals

with testcontext() as u:
    print(u in s)
with testcontext() as u:
    try:
        s.remove(u)
    except KeyError as e:
        print("KeyError:", e)
print(u in s)
with testcontext() as u:
    s.add(u)
print(u in s)
t = s.copy()
with testcontext() as u:
    s.update(t)
print(len(s), len(t))
with testcontext() as u:
    s.clear()
print(len(s))
