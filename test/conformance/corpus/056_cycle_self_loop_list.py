# A list containing itself survives del; only the collector frees it.
import gc
import sys

gc.collect()
a = []
a.append(a)
print(sys.getrefcount(a))
print(a)
del a
print(gc.collect())
print(gc.collect())
