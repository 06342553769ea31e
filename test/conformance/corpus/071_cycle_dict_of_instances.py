# A registry dict inside each instance pointing back to all instances forms one big cycle.
import gc

gc.disable()
gc.collect()


class Member:
    def __init__(self, name, registry):
        self.name = name
        self.registry = registry
        registry[name] = self


reg = {}
for name in ("a", "b", "c"):
    Member(name, reg)
print(sorted(reg))
del reg
print(gc.collect())
gc.enable()
