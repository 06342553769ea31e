# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L2087
# Adapted: FinalizeTestCase.A becomes a top-level class; _collect_if_necessary does nothing on CPython; asserts become prints.
import weakref

class A:
    pass

# we want a weakrefable subclass of weakref.finalize
class MyFinalizer(weakref.finalize):
    pass

a = A()
res = []
def callback():
    res.append(123)
f = MyFinalizer(a, callback)

wr_callback = weakref.ref(callback)
wr_f = weakref.ref(f)
del callback, f

print(wr_callback() is not None)
print(wr_f() is not None)

del a

print(wr_callback())
print(wr_f())
print(res)
