# With DEBUG_SAVEALL unreachable objects go to gc.garbage, where they stay alive.
import gc

gc.disable()
gc.collect()
gc.set_debug(gc.DEBUG_SAVEALL)
print(gc.get_debug() == gc.DEBUG_SAVEALL)
d = {}
d["self"] = d
d["n"] = 42
del d
print(gc.collect())
print(len(gc.garbage), gc.garbage[0]["n"], gc.garbage[0]["self"] is gc.garbage[0])
gc.set_debug(0)
gc.garbage.clear()
print(gc.collect())
gc.enable()
