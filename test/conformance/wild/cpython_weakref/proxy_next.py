# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L434
# Adapted: test_proxy_next and test_proxy_bad_next merged; asserts become prints.
import weakref

arr = [4, 5, 6]
def iterator_func():
    yield from arr
it = iterator_func()

class IteratesWeakly:
    def __iter__(self):
        return weakref.proxy(it)

weak_it = IteratesWeakly()

# Calls proxy.__next__
print(list(weak_it))

# bpo-44720: PyIter_Next() shouldn't be called if the reference
# isn't an iterator.
not_an_iterator = lambda: 0

class A:
    def __iter__(self):
        return weakref.proxy(not_an_iterator)
a = A()

try:
    list(a)
except TypeError as e:
    print("TypeError:", e)
