# Source: https://engineersofai.com/docs/python/python-advanced/performance-engineering/memory-optimization
# Adapted: the page's "# ?" prints plus its follow-up sys.getsizeof(regular.__dict__) line.
import sys

class PointRegular:
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

class PointSlots:
    __slots__ = ('x', 'y', 'z')
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

regular = PointRegular(1.0, 2.0, 3.0)
slotted = PointSlots(1.0, 2.0, 3.0)

print(sys.getsizeof(regular)) # ?
print(sys.getsizeof(slotted)) # ?
print(sys.getsizeof(regular.__dict__))
