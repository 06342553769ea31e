# A tuple references each element; dropping the tuple releases them.
import sys


class Item:
    pass


x = Item()
y = Item()
t = (x, y, x)
print(sys.getrefcount(x), sys.getrefcount(y))
t2 = t
print(sys.getrefcount(x), sys.getrefcount(t))
del t, t2
print(sys.getrefcount(x), sys.getrefcount(y))
