# gc.freeze moves every tracked object into a permanent generation the collector ignores.
import gc

gc.disable()
gc.collect()
a = []
a.append(a)
gc.freeze()
print(gc.get_freeze_count() > 0)
del a
print(gc.collect())
gc.unfreeze()
print(gc.get_freeze_count())
print(gc.collect())
gc.enable()
