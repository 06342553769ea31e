# 100 independent self-loops are all counted in one collection.
import gc

gc.disable()
gc.collect()
for i in range(100):
    d = {"i": i}
    d["self"] = d
del d
print(gc.collect())
gc.enable()
