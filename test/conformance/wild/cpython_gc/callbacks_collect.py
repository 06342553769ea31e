# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L1163
# Adapted: GCCallbackTests' setUp/preclean/cb1/cb2 become plain functions and globals; asserts become prints.
import gc

enabled = gc.isenabled()
gc.disable()
debug = gc.get_debug()
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
gc.collect()
# Count the number of visits to each callback
n = [v[0] for v in visit]
n1 = [i for i in n if i == 1]
n2 = [i for i in n if i == 2]
print(n1)
print(n2)

# Count that we got the right number of start and stop callbacks.
n = [v[1] for v in visit]
n1 = [i for i in n if i == "start"]
n2 = [i for i in n if i == "stop"]
print(n1)
print(n2)

# Check that we got the right info dict for all callbacks
for v in visit:
    info = v[2]
    print("generation" in info, "collected" in info, "uncollectable" in info)

gc.callbacks.remove(cb1)
gc.callbacks.remove(cb2)
gc.set_debug(debug)
