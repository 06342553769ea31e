# A class attribute is one reference, shared by every instance.
import sys

shared = []


class Config:
    items = shared


print(sys.getrefcount(shared))
a = Config()
b = Config()
print(sys.getrefcount(shared), a.items is b.items)
a.items = []
print(sys.getrefcount(shared))
del Config.items
print(sys.getrefcount(shared), hasattr(b, "items"))
