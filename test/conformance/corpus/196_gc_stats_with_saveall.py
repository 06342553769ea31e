# With DEBUG_SAVEALL the saved objects still count as collected in the statistics.
import gc

gc.disable()
gc.collect()
before = gc.get_stats()[2]
gc.set_debug(gc.DEBUG_SAVEALL)
x = {}
x["x"] = x
y = [x]
y.append(y)
del x, y
n = gc.collect()
gc.set_debug(0)
after = gc.get_stats()[2]
print(n, after["collected"] - before["collected"], after["uncollectable"] - before["uncollectable"])
print(len(gc.garbage))
gc.garbage.clear()
gc.enable()
