# Reading an instance's __dict__ creates a real dict object, which the collector then counts too.
import gc

gc.disable()
gc.collect()


class Node:
    pass


a = Node()
b = Node()
a.peer = b
b.peer = a
print(sorted(a.__dict__))
del a, b
print(gc.collect())
gc.enable()
