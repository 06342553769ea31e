# The finalizer order follows creation order even when the names are deleted in reverse.
import gc

gc.disable()
gc.collect()


class Named:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("finalize", self.name)


first = Named("first")
second = Named("second")
first.link = second
second.link = first
del second
del first
print(gc.collect())
gc.enable()
