# dict.pop, setdefault and update add and remove value references.
import sys

val = [42]
d = {}
d.setdefault("a", val)
print(sys.getrefcount(val))
d.setdefault("a", val)
print(sys.getrefcount(val))
d.update({"b": val, "c": val})
print(sys.getrefcount(val))
got = d.pop("b")
print(sys.getrefcount(val))
del got
print(sys.getrefcount(val))
d.update(a=1, c=2)
print(sys.getrefcount(val), d)
