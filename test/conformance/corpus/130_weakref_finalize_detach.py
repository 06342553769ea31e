# detach() cancels a finalize object and hands back (obj, func, args, kwargs).
import weakref


class Resource:
    pass


r = Resource()
f = weakref.finalize(r, print, "should not print")
obj, func, args, kwargs = f.detach()
print(obj is r, func is print, args, kwargs)
print(f.alive, f.detach())
del obj, r
print("done")
