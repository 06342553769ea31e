# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L1988
# Adapted: FinalizeTestCase.A becomes a top-level class; _collect_if_necessary does nothing on CPython; asserts become prints.
import weakref

class A:
    pass

def add(x,y,z):
    res.append(x + y + z)
    return x + y + z

a = A()

res = []
f = weakref.finalize(a, add, 67, 43, z=89)
print(f.alive)
print(f.peek() == (a, add, (67,43), {'z':89}))
print(f())
print(f())
print(f())
print(f.peek())
print(f.detach())
print(f.alive)
print(res)

res = []
f = weakref.finalize(a, add, 67, 43, 89)
print(f.peek() == (a, add, (67,43,89), {}))
print(f.detach() == (a, add, (67,43,89), {}))
print(f())
print(f())
print(f.peek())
print(f.detach())
print(f.alive)
print(res)

res = []
f = weakref.finalize(a, add, x=67, y=43, z=89)
del a
print(f())
print(f())
print(f.peek())
print(f.detach())
print(f.alive)
print(res)
