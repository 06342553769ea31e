# A set holds one reference per member; adding the same member twice changes nothing (tuple built at run time).
import sys

n = 1
t = (n, 2)
s = set()
s.add(t)
print(sys.getrefcount(t))
s.add(t)
print(sys.getrefcount(t), len(s))
s.discard(t)
print(sys.getrefcount(t), len(s))
