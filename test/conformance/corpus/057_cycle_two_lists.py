# Two lists that reference each other form a 2-cycle: collect finds 2 objects.
import gc

gc.disable()
gc.collect()
a = [1]
b = [2]
a.append(b)
b.append(a)
print(a)
del a
print(gc.collect())
del b
print(gc.collect())
gc.enable()
