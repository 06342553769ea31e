# A dict that contains itself is one unreachable object after del.
import gc

gc.collect()
d = {}
d["me"] = d
print(d)
del d
print(gc.collect())
