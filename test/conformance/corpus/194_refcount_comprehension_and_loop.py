# A comprehension's loop variable does not leak; a for-loop's does.
import sys

obj = []
pairs = [(obj, i) for i in range(3)]
print(sys.getrefcount(obj))
for o in [obj]:
    pass
print(sys.getrefcount(obj))
pairs.clear()
del o
print(sys.getrefcount(obj))
