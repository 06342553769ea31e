# gc.enable/disable only toggle automatic collection, and isenabled reports it.
import gc

print(gc.isenabled())
gc.disable()
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
gc.disable()
x = []
x.append(x)
del x
print(gc.collect(), gc.isenabled())
gc.enable()
