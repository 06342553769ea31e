# Returning several values packs them in a tuple that references each one.
import sys


def pair():
    left = []
    right = {}
    return left, right


result = pair()
print(type(result).__name__, len(result))
print(sys.getrefcount(result[0]), sys.getrefcount(result[1]))
a, b = result
print(sys.getrefcount(a), sys.getrefcount(b))
del result
print(sys.getrefcount(a), sys.getrefcount(b))
