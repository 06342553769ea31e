# Lists are tracked from birth; dicts start tracking when a container is stored.
import gc

lst = []
print(gc.is_tracked(lst))
lst.append(1)
print(gc.is_tracked(lst))
d = {"a": 1}
print(gc.is_tracked(d))
d["b"] = lst
print(gc.is_tracked(d))
d2 = dict(d)
print(gc.is_tracked(d2))
d3 = {k: v for k, v in [("x", 1), ("y", 2)]}
print(gc.is_tracked(d3))
