# Two instances pointing at each other: in 3.11 their attribute dicts are not separate objects.
import gc

gc.disable()
gc.collect()


class Node:
    pass


a = Node()
b = Node()
a.other = b
b.other = a
del a, b
print(gc.collect())
gc.enable()
