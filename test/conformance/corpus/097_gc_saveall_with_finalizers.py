# With DEBUG_SAVEALL, finalizers still run once and the objects are saved in gc.garbage.
import gc

gc.disable()
gc.collect()


class F:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("finalize", self.name)


gc.set_debug(gc.DEBUG_SAVEALL)
a = F("a")
b = F("b")
a.b = b
b.a = a
del a, b
print(gc.collect())
print([o.name for o in gc.garbage], [gc.is_finalized(o) for o in gc.garbage])
gc.set_debug(0)
gc.garbage.clear()
print(gc.collect())
gc.enable()
