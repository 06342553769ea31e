# A default argument value is held by the function object forever.
import sys

default = []


def add(x, bucket=default):
    bucket.append(x)
    return bucket


print(sys.getrefcount(default))
add(1)
add(2)
print(default, sys.getrefcount(default))
del add
print(sys.getrefcount(default))
