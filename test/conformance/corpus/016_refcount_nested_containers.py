# Nesting counts once per container slot, not once per level.
import sys

leaf = []
mid = [leaf]
top = [mid, [leaf], (leaf,)]
print(sys.getrefcount(leaf))
print(sys.getrefcount(mid))
top.pop()
print(sys.getrefcount(leaf))
del top
print(sys.getrefcount(leaf), sys.getrefcount(mid))
