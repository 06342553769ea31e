# A weakref that is itself part of the garbage is cleared without calling its callback.
import gc
import weakref

gc.disable()
gc.collect()


class Node:
    pass


def never(ref):
    print("never printed")


n = Node()
n.me = n
n.w = weakref.ref(n, never)
del n
print(gc.collect())
gc.enable()
