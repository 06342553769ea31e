# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L991
# Adapted: test_subclass_refs_dont_replace_standard_refs and _dont_conflate_callbacks merged; asserts become prints.
import weakref

class Object:
    def __init__(self, arg):
        self.arg = arg
    def __repr__(self):
        return "<Object %r>" % self.arg
    def __hash__(self):
        return hash(self.arg)

class MyRef(weakref.ref):
    pass
o = Object(42)
r1 = MyRef(o)
r2 = weakref.ref(o)
print(r1 is not r2)
print(weakref.getweakrefs(o) == [r2, r1])
print(weakref.getweakrefcount(o))
r3 = MyRef(o)
print(weakref.getweakrefcount(o))
refs = weakref.getweakrefs(o)
print(len(refs))
print(r2 is refs[0])
print(r1 in refs[1:])
print(r3 in refs[1:])

o = Object(42)
r1 = MyRef(o, id)
r2 = MyRef(o, str)
print(r1 is not r2)
refs = weakref.getweakrefs(o)
print(r1 in refs)
print(r2 in refs)
