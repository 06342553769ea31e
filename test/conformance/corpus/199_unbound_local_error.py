# Assigning a name anywhere in a function makes it local: reading it first raises UnboundLocalError.
count = 10


def broken():
    print(count)
    count = 1


try:
    broken()
except UnboundLocalError as e:
    print(type(e).__name__, isinstance(e, NameError))
    print(e)
try:
    del never_defined
except NameError as e:
    print(repr(e))
