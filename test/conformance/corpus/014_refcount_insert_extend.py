# insert and extend add references; extend with the same object repeats it.
import sys

o = {}
lst = []
lst.insert(0, o)
print(sys.getrefcount(o))
lst.extend([o, o])
print(sys.getrefcount(o))
lst.insert(1, o)
print(sys.getrefcount(o), len(lst))
lst += [o]
print(sys.getrefcount(o), len(lst))
lst.clear()
print(sys.getrefcount(o))
