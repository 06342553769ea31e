# A dict of atoms is untracked; storing a container in it starts tracking.
import gc

d = {}
print(gc.is_tracked(d))
d["n"] = 1
d["s"] = "str"
print(gc.is_tracked(d))
d["lst"] = []
print(gc.is_tracked(d))
del d["lst"]
print(gc.is_tracked(d))
e = {"t": (1, 2)}
print(gc.is_tracked(e))
print(gc.is_tracked({1: 2}), gc.is_tracked({"k": {}}))
