# gc.disable() stops automatic collection but gc.collect() still works.
import gc

gc.collect()
gc.disable()
print(gc.isenabled())
rings = []
for i in range(5):
    r = []
    r.append(r)
    rings.append(r)
del rings, r
print(gc.collect())
gc.enable()
print(gc.isenabled())
