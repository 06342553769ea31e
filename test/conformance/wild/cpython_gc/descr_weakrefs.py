# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_descr.py#L2233
# Adapted: support.gc_collect() becomes gc.collect(); asserts become prints of the asserted values.
import gc

# Testing weak references...
import weakref
class C(object):
    pass
c = C()
r = weakref.ref(c)
print(r() == c)
del c
gc.collect()
print(r())
del r
class NoWeak(object):
    __slots__ = ['foo']
no = NoWeak()
try:
    weakref.ref(no)
except TypeError as msg:
    print("weak reference" in str(msg), msg)
else:
    print("weakref.ref(no) should be illegal")
class Weak(object):
    __slots__ = ['foo', '__weakref__']
yes = Weak()
r = weakref.ref(yes)
print(r() == yes)
del yes
gc.collect()
print(r())
del r
