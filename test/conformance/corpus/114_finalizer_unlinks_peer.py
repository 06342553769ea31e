# A finalizer that breaks its cycle changes nothing about what is counted.
import gc

gc.disable()
gc.collect()


class N:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name, hasattr(self, "peer"))
        if hasattr(self, "peer"):
            del self.peer


a = N("a")
b = N("b")
a.peer = b
b.peer = a
del a, b
print(gc.collect())
gc.enable()
