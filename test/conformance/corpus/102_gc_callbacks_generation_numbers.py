# Each explicit collection reports its own generation to the callbacks.
import gc

gc.disable()
gc.collect()
gens = []


def cb(phase, info):
    if phase == "start":
        gens.append(info["generation"])


gc.callbacks.append(cb)
gc.collect(2)
gc.collect(0)
gc.collect(1)
gc.collect()
gc.callbacks.remove(cb)
print(gens)
gc.enable()
