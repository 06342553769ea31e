# Objects reachable only from a garbage cycle are unreachable too: the collector counts and finalizes them.
import gc

gc.disable()
gc.collect()


class V:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


ring = []
ring.append(ring)
ring.append(V("payload"))
del ring
print("collect:", gc.collect())
gc.enable()
