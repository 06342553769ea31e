# The "stop" callback reports how many objects the collection freed.
import gc

gc.disable()
gc.collect()
seen = []


def cb(phase, info):
    if phase == "stop":
        seen.append((info["generation"], info["collected"]))


gc.callbacks.append(cb)
for size in (2, 4):
    ring = [[] for _ in range(size)]
    for i in range(size):
        ring[i].append(ring[i - 1])
    del ring
    gc.collect()
gc.collect(1)
gc.callbacks.remove(cb)
print(seen)
gc.enable()
