# Inside a called function the parameter is one more reference to the argument.
import sys


def inspect(obj):
    return sys.getrefcount(obj)


def inspect_twice(obj):
    other = obj
    return sys.getrefcount(other)


x = []
print(sys.getrefcount(x))
print(inspect(x))
print(inspect_twice(x))
print(sys.getrefcount(x))
