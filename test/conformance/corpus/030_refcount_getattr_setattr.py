# setattr/getattr work like attribute syntax and count references the same way.
import sys


class Bag:
    pass


thing = []
bag = Bag()
setattr(bag, "thing", thing)
print(sys.getrefcount(thing), hasattr(bag, "thing"))
got = getattr(bag, "thing")
print(sys.getrefcount(thing), got is thing)
setattr(bag, "thing", None)
print(sys.getrefcount(thing), getattr(bag, "missing", "default"))
