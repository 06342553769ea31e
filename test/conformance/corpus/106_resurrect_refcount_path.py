# A finalizer that stores self resurrects the object; __del__ never runs a second time.
import gc

graveyard = []


class Ghost:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("__del__", self.name)
        graveyard.append(self)


g = Ghost("casper")
del g
print(len(graveyard), graveyard[0].name, gc.is_finalized(graveyard[0]))
graveyard.clear()
print("cleared without a second __del__")
