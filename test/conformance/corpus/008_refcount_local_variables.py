# Locals inside a function are references that exist only while the function runs.
import sys


def make():
    a = []
    print("local", sys.getrefcount(a))
    b = a
    print("two locals", sys.getrefcount(a))
    return a


result = make()
print("returned", sys.getrefcount(result))
