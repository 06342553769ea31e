# A fresh list bound to one name: getrefcount reports 2 (the name plus the call's argument).
import sys

a = []
print(sys.getrefcount(a))
b = a
c = b
print(sys.getrefcount(a))
del c
print(sys.getrefcount(a))
b = None
print(sys.getrefcount(a))
