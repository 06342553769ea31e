# On refcount death __del__ runs first, then the weakref callbacks.
import weakref


class Noisy:
    def __del__(self):
        print("__del__")


n = Noisy()
w = weakref.ref(n, lambda r: print("callback"))
del n
print("end", w())
