# Rebinding a name moves its reference from the old object to the new one.
import sys

a = []
b = []
x = a
print(sys.getrefcount(a), sys.getrefcount(b))
x = b
print(sys.getrefcount(a), sys.getrefcount(b))
x = a
y = a
print(sys.getrefcount(a), sys.getrefcount(b))
x = y = b
print(sys.getrefcount(a), sys.getrefcount(b))
