# Calling a finalize object early runs it now and never again.
import weakref


class Resource:
    pass


def close(name):
    print("closing", name)
    return name.upper()


r = Resource()
f = weakref.finalize(r, close, "db")
print(f())
print(f.alive, f())
del r
print("object gone, nothing more printed")
