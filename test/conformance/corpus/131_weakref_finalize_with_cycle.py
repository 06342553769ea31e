# weakref.finalize fires when the collector frees a cycle.
import gc
import weakref

gc.disable()
gc.collect()


class Node:
    pass


a = Node()
b = Node()
a.b = b
b.a = a
weakref.finalize(a, print, "a finalized")
weakref.finalize(b, print, "b finalized")
del a, b
print("collecting")
gc.collect()
print("done")
gc.enable()
