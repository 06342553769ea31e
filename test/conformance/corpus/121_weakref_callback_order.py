# Weakref callbacks run when the referent dies, newest weak reference first.
import weakref


class Thing:
    pass


t = Thing()
w1 = weakref.ref(t, lambda r: print("callback 1"))
w2 = weakref.ref(t, lambda r: print("callback 2"))
w3 = weakref.ref(t, lambda r: print("callback 3"))
print("deleting")
del t
print("deleted")
