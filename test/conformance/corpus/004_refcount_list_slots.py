# Each slot of a list holding the same object is one more reference.
import sys

item = {}
box = []
for i in range(5):
    box.append(item)
    print(i, sys.getrefcount(item))
box[0] = None
print(sys.getrefcount(item))
box[1:3] = []
print(sys.getrefcount(item), len(box))
