# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L296
# Adapted: test_proxy_div and test_proxy_matmul merged; asserts become prints.
import weakref

class C:
    def __floordiv__(self, other):
        return 42
    def __ifloordiv__(self, other):
        return 21
o = C()
p = weakref.proxy(o)
print(p // 5)
p //= 5
print(p)

class C:
    def __matmul__(self, other):
        return 1729
    def __rmatmul__(self, other):
        return -163
    def __imatmul__(self, other):
        return 561
o = C()
p = weakref.proxy(o)
print(p @ 5)
print(5 @ p)
p @= 5
print(p)
