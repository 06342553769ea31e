# An object that survives a collection moves to an older generation; gc.collect(0) no longer sees it.
import gc

gc.disable()
gc.collect()
a = []
a.append(a)
gc.collect(0)
del a
print("gen0:", gc.collect(0))
print("gen1:", gc.collect(1))
b = []
b.append(b)
gc.collect(0)
gc.collect(1)
del b
print("gen0:", gc.collect(0), "gen1:", gc.collect(1), "gen2:", gc.collect(2))
gc.enable()
