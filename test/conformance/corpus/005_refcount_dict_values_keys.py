# A dict holds a reference to each value; reusing one value under many keys adds up.
import sys

v = [1, 2]
d = {}
d["a"] = v
d["b"] = v
d["c"] = v
print(sys.getrefcount(v))
d["b"] = 0
print(sys.getrefcount(v))
del d["c"]
print(sys.getrefcount(v))
d.clear()
print(sys.getrefcount(v), len(d))
