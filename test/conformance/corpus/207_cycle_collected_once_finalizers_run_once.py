# Collecting twice never re-runs finalizers of objects already freed.
import gc

gc.disable()
gc.collect()


class F:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("finalize", self.name)


for name in ("one", "two"):
    f = F(name)
    f.me = f
del f
print(gc.collect())
print(gc.collect())
gc.enable()
