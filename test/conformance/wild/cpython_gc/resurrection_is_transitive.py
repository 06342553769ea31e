# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L951
# Adapted: setUpModule's gc.disable() kept; asserts become prints of the asserted values.
import gc
gc.disable()
gc.collect()

class Cargo:
    def __init__(self):
        self.me = self

class Lazarus:
    resurrected_instances = []

    def __del__(self):
        Lazarus.resurrected_instances.append(self)

gc.collect()
gc.disable()

laz = Lazarus()
cargo = Cargo()
cargo_id = id(cargo)

# Create a cycle between cargo and laz
laz.cargo = cargo
cargo.laz = laz

# Drop the references, force a collection and check that
# everything was resurrected.
del laz, cargo
gc.collect()
print(len(Lazarus.resurrected_instances))
instance = Lazarus.resurrected_instances.pop()
print(hasattr(instance, "cargo"))
print(id(instance.cargo) == cargo_id)
