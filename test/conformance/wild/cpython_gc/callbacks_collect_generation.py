# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L1190
# Adapted: GCCallbackTests' setUp/preclean/cb1/cb2 become plain functions and globals; asserts become prints.
import gc

gc.disable()
gc.set_debug(0)
visit = []

def cb1(phase, info):
    visit.append((1, phase, dict(info)))

def cb2(phase, info):
    visit.append((2, phase, dict(info)))

gc.callbacks.append(cb1)
gc.callbacks.append(cb2)

def preclean():
    global visit
    visit = []
    gc.collect()
    gc.garbage[:] = []
    visit = []

preclean()
gc.collect(2)
for v in visit:
    info = v[2]
    print(v[0], v[1], info["generation"])

gc.callbacks.remove(cb1)
gc.callbacks.remove(cb2)
