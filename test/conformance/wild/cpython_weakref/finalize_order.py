# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L2048
# Adapted: FinalizeTestCase.A becomes a top-level class; _collect_if_necessary does nothing on CPython; asserts become prints.
import weakref

class A:
    pass

a = A()
res = []

f1 = weakref.finalize(a, res.append, 'f1')
f2 = weakref.finalize(a, res.append, 'f2')
f3 = weakref.finalize(a, res.append, 'f3')
f4 = weakref.finalize(a, res.append, 'f4')
f5 = weakref.finalize(a, res.append, 'f5')

# make sure finalizers can keep themselves alive
del f1, f4

print(f2.alive)
print(f3.alive)
print(f5.alive)

print(bool(f5.detach()))
print(f5.alive)

f5()                       # nothing because previously unregistered
res.append('A')
f3()                       # => res.append('f3')
print(f3.alive)
res.append('B')
f3()                       # nothing because previously called
res.append('C')
del a
                           # => res.append('f4')
                           # => res.append('f2')
                           # => res.append('f1')
print(f2.alive)
res.append('D')
f2()                       # nothing because previously called by gc

print(res)
