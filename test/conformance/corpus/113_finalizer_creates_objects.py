# A finalizer may allocate new objects; they are normal objects and are not collected now.
import gc

gc.disable()
gc.collect()
made = []


class Maker:
    def __init__(self):
        self.me = self

    def __del__(self):
        made.append([1, 2, 3])
        print("made a list")


Maker()
print(gc.collect())
print(made)
gc.enable()
