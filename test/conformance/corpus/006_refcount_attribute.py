# Storing an object in an attribute adds one reference; deleting the attribute removes it.
import sys


class Holder:
    pass


data = [0] * 3
h = Holder()
h.data = data
print(sys.getrefcount(data))
h.other = data
print(sys.getrefcount(data))
del h.other
print(sys.getrefcount(data))
del h
print(sys.getrefcount(data))
