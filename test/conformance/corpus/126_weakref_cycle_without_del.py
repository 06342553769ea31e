# A weakref to a garbage cycle member is cleared by the collector and its callback runs.
import gc
import weakref

gc.disable()
gc.collect()


class Node:
    pass


n = Node()
n.me = n
w = weakref.ref(n, lambda r: print("cleared"))
print(w() is n)
del n
print("still alive before collect:", w() is not None)
print(gc.collect())
print(w())
gc.enable()
