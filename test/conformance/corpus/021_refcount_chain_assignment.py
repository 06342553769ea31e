# A chained assignment binds every target to the same object.
import sys

a = b = c = []
print(sys.getrefcount(a), a is b is c)
b = []
print(sys.getrefcount(a), sys.getrefcount(b))
del a
print(sys.getrefcount(c))
