# Sets can be weakly referenced; the weakref dies with the set.
import weakref

s = {1, 2, 3}
w = weakref.ref(s, lambda r: print("set gone"))
print(w() == {1, 2, 3}, len(w()))
s.add(4)
print(sorted(w()))
s = set()
print(w())
