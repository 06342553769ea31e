# DEBUG_COLLECTABLE reports each collectable object on stderr (addresses masked when compared).
import gc

gc.disable()
gc.collect()
gc.set_debug(gc.DEBUG_COLLECTABLE)
a = []
a.append(a)
del a
print(gc.collect())
gc.set_debug(0)
print(gc.get_debug())
gc.enable()
