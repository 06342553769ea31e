# A cycle through an instance and a list counts both objects.
import gc

gc.disable()
gc.collect()


class Owner:
    def __init__(self):
        self.items = []
        self.items.append(self)


o = Owner()
del o
print(gc.collect())
gc.enable()
