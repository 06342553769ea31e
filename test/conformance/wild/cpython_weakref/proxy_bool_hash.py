# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L408
# Adapted: ReferencesTestCase.test_proxy_bool and test_proxy_hash in one program; assertions become prints, the TypeErrors are caught and printed.
import weakref

class List(list): pass
lyst = List()
print(bool(weakref.proxy(lyst)), bool(lyst))
lyst.append(1)
print(bool(weakref.proxy(lyst)))

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
