# The collector's count includes a callback function and weakref that become garbage with the cycle.
import gc
import weakref

gc.disable()
gc.collect()


class Node:
    pass


n = Node()
n.me = n
n.w = weakref.ref(n, lambda r: None)
del n
print(gc.collect())
m = Node()
m.me = m
m.w = weakref.ref(m)
del m
print(gc.collect())
gc.enable()
