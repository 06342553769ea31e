# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L277
# Adapted: test_proxy_unicode and test_proxy_index merged; asserts become prints.
import operator
import weakref

# See bug 5037
class C(object):
    def __str__(self):
        return "string"
    def __bytes__(self):
        return b"bytes"
instance = C()
print("__bytes__" in dir(weakref.proxy(instance)))
print(bytes(weakref.proxy(instance)))
print(str(weakref.proxy(instance)))

class C:
    def __index__(self):
        return 10
o = C()
p = weakref.proxy(o)
print(operator.index(p))
