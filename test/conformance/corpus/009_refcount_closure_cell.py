# A closure keeps the captured object alive through a cell.
import sys


def outer():
    secret = ["hidden"]
    print("in outer", sys.getrefcount(secret))

    def inner():
        return secret

    return inner


f = outer()
s = f()
print(s, sys.getrefcount(s))
del f
print(sys.getrefcount(s))
