# getweakrefcount follows weak references as they are created and dropped.
import weakref


class Thing:
    pass


t = Thing()
print(weakref.getweakrefcount(t))
w1 = weakref.ref(t, lambda r: None)
w2 = weakref.ref(t, lambda r: None)
print(weakref.getweakrefcount(t))
del w1
print(weakref.getweakrefcount(t))
w2 = None
print(weakref.getweakrefcount(t))
print(weakref.getweakrefcount(5))
