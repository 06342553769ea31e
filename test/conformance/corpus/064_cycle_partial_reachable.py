# Only the unreachable part of a graph is collected; a cycle still referenced from a name survives.
import gc

gc.disable()
gc.collect()
kept = []
kept.append(kept)
lost = []
lost.append(lost)
del lost
print(gc.collect())
print(len(kept), kept[0] is kept)
del kept
print(gc.collect())
gc.enable()
