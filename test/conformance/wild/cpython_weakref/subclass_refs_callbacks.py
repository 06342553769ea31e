# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L1008
# Adapted: SubclassableWeakrefTestCase.test_subclass_refs_dont_conflate_callbacks as a standalone program; Object copied from the test module; assertions become prints.
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
    def __lt__(self, other):
        if isinstance(other, Object):
            return self.arg < other.arg
        return NotImplemented
    def __hash__(self):
        return hash(self.arg)
    def some_method(self):
        return 4
    def other_method(self):
        return 5

class MyRef(weakref.ref):
    pass
o = Object(42)
r1 = MyRef(o, id)
r2 = MyRef(o, str)
print(r1 is not r2)
refs = weakref.getweakrefs(o)
print(r1 in refs, r2 in refs, len(refs))
print(type(r1).__name__, r1() is o)
