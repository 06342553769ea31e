# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L176
# Adapted: assertRaises becomes a print of the exception.
import weakref

class C:
    def method(self):
        pass

c = C()
try:
    weakref.ref(c, callback=None)
except TypeError as e:
    print("TypeError:", e)
