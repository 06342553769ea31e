# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L464
# Adapted: test_proxy_reversed and test_proxy_hash merged; assertRaises becomes a print of the exception.
import weakref

class MyObj:
    def __len__(self):
        return 3
    def __reversed__(self):
        return iter('cba')

obj = MyObj()
print("".join(reversed(weakref.proxy(obj))))

class MyObj:
    def __hash__(self):
        return 42

obj = MyObj()
try:
    hash(weakref.proxy(obj))
except TypeError as e:
    print("TypeError:", e)

class MyObj:
    __hash__ = None

obj = MyObj()
try:
    hash(weakref.proxy(obj))
except TypeError as e:
    print("TypeError:", e)
