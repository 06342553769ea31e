# A cycle with a tail: the tail object is unreachable too and is finalized with the cycle.
import gc

gc.disable()
gc.collect()


class N:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


a = N("a")
b = N("b")
a.b = b
b.a = a
b.tail = N("tail")
del a, b
print(gc.collect())
gc.enable()
