# An object that refers to itself counts that reference too.
import sys

a = []
print(sys.getrefcount(a))
a.append(a)
print(sys.getrefcount(a))
a.append(a)
print(sys.getrefcount(a), len(a))
a.clear()
print(sys.getrefcount(a))
