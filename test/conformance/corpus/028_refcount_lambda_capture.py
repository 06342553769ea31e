# A lambda closing over a variable keeps its object alive; a lambda default does too.
import sys

box = [1, 2, 3]
f = lambda: box
print(sys.getrefcount(box))


def factory():
    local = [9]
    return lambda: local, local


g, ref = factory()
print(sys.getrefcount(ref))
h = lambda b=box: len(b)
print(sys.getrefcount(box), h())
