# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_sys.py#L1427
# Adapted: the frame..iterator part of test_objecttypes; each check(obj, expected) prints sys.getsizeof(obj), the value the check compares.
import sys

# frame
def func():
    return sys._getframe()
x = func()
print(sys.getsizeof(x))
# function
def func(): pass
print(sys.getsizeof(func))
class c():
    @staticmethod
    def foo():
        pass
    @classmethod
    def bar(cls):
        pass
    # staticmethod
    print(sys.getsizeof(foo))
    # classmethod
    print(sys.getsizeof(bar))
# generator
def get_gen(): yield 1
print(sys.getsizeof(get_gen()))
# iterator
print(sys.getsizeof(iter('abc')))
