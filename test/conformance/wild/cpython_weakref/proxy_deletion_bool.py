# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L397
# Adapted: test_proxy_deletion and test_proxy_bool merged; asserts become prints.
import weakref

# Test clearing of SF bug #762891
class Foo:
    result = None
    def __delitem__(self, accessor):
        self.result = accessor
g = Foo()
f = weakref.proxy(g)
del f[0]
print(f.result)

# Test clearing of SF bug #1170766
class List(list): pass
lyst = List()
print(bool(weakref.proxy(lyst)), bool(lyst))
