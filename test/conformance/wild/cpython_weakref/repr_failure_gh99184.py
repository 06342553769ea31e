# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L119
# Adapted: unittest asserts become prints of the asserted values; the test method becomes top-level code.
import weakref

class MyConfig(dict):
    def __getattr__(self, x):
        return self[x]

obj = MyConfig(offset=5)
obj_weakref = weakref.ref(obj)

print('MyConfig' in repr(obj_weakref), repr(obj_weakref))
print('MyConfig' in str(obj_weakref))
