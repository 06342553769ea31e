# Tuple unpacking binds each name to the element, adding references.
import sys

first = []
second = {}
pair = (first, second)
print(sys.getrefcount(first), sys.getrefcount(second))
a, b = pair
print(sys.getrefcount(first), sys.getrefcount(second))
a, b = b, a
print(sys.getrefcount(first), sys.getrefcount(second), type(a).__name__)
del pair
print(sys.getrefcount(first), sys.getrefcount(second))
