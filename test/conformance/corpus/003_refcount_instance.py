# An instance is referenced by its names; its class is not counted against it.
import sys


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


p = Point(1, 2)
print(sys.getrefcount(p))
q = p
print(sys.getrefcount(p), q is p)
points = [p, q]
print(sys.getrefcount(p))
points.clear()
print(sys.getrefcount(p))
