# Breaking a cycle by hand lets reference counting free it without the collector.
import gc

gc.disable()
gc.collect()


class Named:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("finalize", self.name)


a = Named("a")
b = Named("b")
a.peer = b
b.peer = a
a.peer = None
del a
print("a deleted")
del b
print("b deleted")
print(gc.collect())
gc.enable()
