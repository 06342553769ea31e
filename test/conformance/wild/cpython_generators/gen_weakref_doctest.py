# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_generators.py#L2009
# Adapted: the weakref_tests doctest as a script; each >>> expression is printed.
import weakref
def gen():
    yield 'foo!'

wr = weakref.ref(gen)
print(wr() is gen)
p = weakref.proxy(gen)

gi = gen()
wr = weakref.ref(gi)
print(wr() is gi)
p = weakref.proxy(gi)
print(list(p))
del gi
print(wr())
