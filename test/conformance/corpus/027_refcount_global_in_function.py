# Reading a global inside a function does not add a lasting reference.
import sys

data = {"n": 1}


def peek():
    return sys.getrefcount(data)


def hold():
    global keep
    keep = data


print(sys.getrefcount(data))
print(peek())
hold()
print(sys.getrefcount(data))
del keep
print(sys.getrefcount(data))
