# weakref.finalize calls a function with arguments when the object dies, exactly once.
import weakref


class Resource:
    pass


r = Resource()
f = weakref.finalize(r, print, "cleanup", 1, 2)
print(f.alive)
del r
print(f.alive)
print(f())
