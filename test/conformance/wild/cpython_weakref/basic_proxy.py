# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L249
# Adapted: check_proxy copied from the test class; asserts become prints.
import collections
import weakref

class C:
    def method(self):
        pass

def check_proxy(o, proxy):
    o.foo = 1
    print(proxy.foo)
    o.foo = 2
    print(proxy.foo)
    del o.foo
    print(hasattr(proxy, 'foo'))

    proxy.foo = 1
    print(o.foo)
    proxy.foo = 2
    print(o.foo)
    del proxy.foo
    print(hasattr(o, 'foo'))

o = C()
check_proxy(o, weakref.proxy(o))

L = collections.UserList()
p = weakref.proxy(L)
print(bool(p))
p.append(12)
print(len(L))
print(bool(p))
p[:] = [2, 3]
print(len(L))
print(len(p))
print(3 in p)
p[1] = 5
print(L[1])
print(p[1])
L2 = collections.UserList(L)
p2 = weakref.proxy(L2)
print(p == p2)
L3 = collections.UserList(range(10))
p3 = weakref.proxy(L3)
print(L3[:] == p3[:], p3[:])
print(L3[5:] == p3[5:], p3[5:])
print(L3[:5] == p3[:5])
print(L3[2:5] == p3[2:5], p3[2:5])
