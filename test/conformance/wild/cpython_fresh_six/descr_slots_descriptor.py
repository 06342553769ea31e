# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_descr.py#L1400
# Adapted: test_slots_descriptor as top-level code; asserts become prints, the TypeError is caught and printed.
import abc
class MyABC(metaclass=abc.ABCMeta):
    __slots__ = "a"

class Unrelated(object):
    pass
MyABC.register(Unrelated)

u = Unrelated()
print(isinstance(u, MyABC))

# This used to crash
try:
    MyABC.a.__set__(u, 3)
except TypeError as e:
    print("TypeError", e)
