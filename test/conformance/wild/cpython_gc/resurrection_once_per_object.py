# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L915
# Adapted: setUpModule's gc.disable() kept; asserts become prints of the asserted values.
import gc
gc.disable()
gc.collect()

class A:  # simple self-loop
    def __init__(self):
        self.me = self

class Lazarus(A):
    resurrected = 0
    resurrected_instances = []

    def __del__(self):
        Lazarus.resurrected += 1
        Lazarus.resurrected_instances.append(self)

gc.collect()
gc.disable()

# We start with 0 resurrections
laz = Lazarus()
print(Lazarus.resurrected)

# Deleting the instance and triggering a collection
# resurrects the object
del laz
gc.collect()
print(Lazarus.resurrected)
print(len(Lazarus.resurrected_instances))

# Clearing the references and forcing a collection
# should not resurrect the object again.
Lazarus.resurrected_instances.clear()
print(Lazarus.resurrected)
gc.collect()
print(Lazarus.resurrected)
