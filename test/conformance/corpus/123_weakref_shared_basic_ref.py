# Weak references without a callback are shared: asking twice gives the same object.
import weakref


class Thing:
    pass


t = Thing()
a = weakref.ref(t)
b = weakref.ref(t)
c = weakref.ref(t, lambda r: None)
print(a is b, a is c)
print(weakref.getweakrefcount(t), len(weakref.getweakrefs(t)))
del c
print(weakref.getweakrefcount(t))
