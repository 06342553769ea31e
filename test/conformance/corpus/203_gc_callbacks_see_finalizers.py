# Finalizers run between the "start" and "stop" callbacks of the collection that finds them.
import gc

gc.disable()
gc.collect()


class F:
    def __del__(self):
        print("  finalizer")


def cb(phase, info):
    print(phase, info["generation"], info["collected"])


a = F()
a.me = a
del a
gc.callbacks.append(cb)
gc.collect()
gc.callbacks.remove(cb)
gc.enable()
