# A resurrected cycle that becomes garbage again is freed without calling __del__.
import gc

gc.disable()
gc.collect()
keep = []


class Zombie:
    def __init__(self):
        self.me = self

    def __del__(self):
        print("rising")
        keep.append(self)


Zombie()
print(gc.collect())
print(gc.collect())
keep.clear()
print(gc.collect())
print(gc.collect())
gc.enable()
