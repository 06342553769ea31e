# is_finalized is False before the finalizer runs and True after it was resurrected.
import gc

gc.disable()
gc.collect()
box = []


class Once:
    count = 0

    def __del__(self):
        Once.count += 1
        box.append(self)


o = Once()
print(gc.is_finalized(o))
o.self_ref = o
del o
gc.collect()
print(Once.count, gc.is_finalized(box[0]))
box.clear()
gc.collect()
print(Once.count)
gc.enable()
