# When the collector frees a cycle, weakref callbacks run before the __del__ finalizers.
import gc
import weakref

gc.disable()
gc.collect()


class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("__del__", self.name)


a = Node("a")
b = Node("b")
a.peer = b
b.peer = a
wa = weakref.ref(a, lambda r: print("callback a, referent gone:", r() is None))
wb = weakref.ref(b, lambda r: print("callback b"))
del a, b
print("collect", gc.collect())
print(wa(), wb())
gc.enable()
