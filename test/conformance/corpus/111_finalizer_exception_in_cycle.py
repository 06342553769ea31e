# An exception in a finalizer during collection is reported and the collection still completes.
import gc

gc.disable()
gc.collect()


class Fragile:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("finalizing", self.name)
        if self.name == "bad":
            raise RuntimeError("finalizer failed")


a = Fragile("bad")
b = Fragile("good")
a.peer = b
b.peer = a
del a, b
print("collected", gc.collect())
gc.enable()
