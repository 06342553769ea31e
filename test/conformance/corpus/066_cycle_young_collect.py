# A fresh cycle is found by a generation-0 collection.
import gc

gc.disable()
gc.collect()
a = {}
b = {}
a["b"] = b
b["a"] = a
del a, b
print(gc.collect(0))
print(gc.collect(0))
gc.enable()
