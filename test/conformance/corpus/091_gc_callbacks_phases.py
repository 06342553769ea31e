# gc.callbacks are called with "start" and "stop" and an info dict.
import gc

log = []


def cb(phase, info):
    log.append((phase, sorted(info)))


gc.collect()
gc.callbacks.append(cb)
gc.collect()
gc.callbacks.remove(cb)
for entry in log:
    print(entry)
print(len(gc.callbacks))
