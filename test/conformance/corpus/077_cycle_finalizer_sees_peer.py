# Inside a cycle, a finalizer can still read its peer: nothing is cleared until all finalizers ran.
import gc

gc.disable()
gc.collect()


class Peer:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print(self.name, "sees", self.other.name)


a = Peer("a")
b = Peer("b")
a.other = b
b.other = a
del a, b
print(gc.collect())
gc.enable()
