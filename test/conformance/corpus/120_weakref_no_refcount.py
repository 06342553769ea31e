# Creating weak references does not change the referent's reference count.
import sys
import weakref


class Thing:
    pass


t = Thing()
print(sys.getrefcount(t))
refs = [weakref.ref(t) for _ in range(3)]
print(sys.getrefcount(t))
print(weakref.getweakrefcount(t))
strong = refs[0]()
print(sys.getrefcount(t))
