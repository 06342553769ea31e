# Finalizers of a cycle run during collection, in the order the objects were created.
import gc

gc.disable()
gc.collect()


class Named:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("finalize", self.name)


x = Named("x")
y = Named("y")
z = Named("z")
z.peer = y
y.peer = x
x.peer = z
del x, y, z
print("collecting")
print(gc.collect())
gc.enable()
