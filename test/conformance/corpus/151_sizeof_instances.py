# getsizeof of an instance counts only the object header, not its attributes.
import sys


class Empty:
    pass


class WithAttrs:
    def __init__(self):
        self.a = 1
        self.b = [0] * 1000


print(sys.getsizeof(Empty()), sys.getsizeof(WithAttrs()))
w = WithAttrs()
print(sys.getsizeof(w.b) > sys.getsizeof(w))
print(sys.getsizeof(object()))
