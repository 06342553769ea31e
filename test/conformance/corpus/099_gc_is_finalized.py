# gc.is_finalized turns True once an object's __del__ has run.
import gc

gc.disable()
gc.collect()
keep = []


class Res:
    def __del__(self):
        keep.append(self)


r = Res()
print(gc.is_finalized(r))
r.cycle = r
del r
gc.collect()
print(len(keep), gc.is_finalized(keep[0]))


class Plain:
    pass


print(gc.is_finalized(Plain()))
gc.enable()
