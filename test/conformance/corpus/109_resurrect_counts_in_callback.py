# The stop callback reports 0 collected when the finalizer resurrects the cycle.
import gc

gc.disable()
gc.collect()
saved = []
reports = []


class R:
    def __del__(self):
        saved.append(self)


def cb(phase, info):
    if phase == "stop":
        reports.append(info["collected"])


gc.callbacks.append(cb)
r = R()
r.loop = [r]
del r
gc.collect()
saved.clear()
gc.collect()
gc.callbacks.remove(cb)
print(reports)
gc.enable()
