# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L305
# Adapted: setUpModule's gc.disable() kept; asserts become prints of the asserted values.
import gc
gc.disable()
gc.collect()

# Verify that cyclic garbage like lists show up in gc.garbage if the
# SAVEALL option is enabled.

# First make sure we don't save away other stuff that just happens to
# be waiting for collection.
gc.collect()
# if this fails, someone else created immortal trash
print(gc.garbage)

L = []
L.append(L)
id_L = id(L)

debug = gc.get_debug()
gc.set_debug(debug | gc.DEBUG_SAVEALL)
del L
gc.collect()
gc.set_debug(debug)

print(len(gc.garbage))
obj = gc.garbage.pop()
print(id(obj) == id_L, obj)
