# A weak reference returns its referent while alive and None afterwards.
import weakref


class Thing:
    pass


t = Thing()
w = weakref.ref(t)
print(w() is t)
print(type(w).__name__)
alias = t
del t
print(w() is alias)
del alias
print(w())
