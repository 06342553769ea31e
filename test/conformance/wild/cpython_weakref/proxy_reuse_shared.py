# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L241
# Adapted: ReferencesTestCase.test_proxy_reuse and test_shared_proxy_without_callback (check_shared_without_callback for proxy and ref) in one program; Object copied from the test module; assertIs becomes print.
import weakref

class Object:
    def __init__(self, arg):
        self.arg = arg
    def __repr__(self):
        return "<Object %r>" % self.arg
    def __eq__(self, other):
        if isinstance(other, Object):
            return self.arg == other.arg
        return NotImplemented
    def __lt__(self, other):
        if isinstance(other, Object):
            return self.arg < other.arg
        return NotImplemented
    def __hash__(self):
        return hash(self.arg)
    def some_method(self):
        return 4
    def other_method(self):
        return 5

class C:
    def method(self):
        pass

o = C()
proxy1 = weakref.proxy(o)
ref = weakref.ref(o)
proxy2 = weakref.proxy(o)
print(proxy1 is proxy2)

for makeref in (weakref.proxy, weakref.ref):
    o = Object(1)
    p1 = makeref(o, None)
    p2 = makeref(o, None)
    print(p1 is p2)
    del p1, p2
    p1 = makeref(o)
    p2 = makeref(o, None)
    print(p1 is p2)
    del p1, p2
    p1 = makeref(o)
    p2 = makeref(o)
    print(p1 is p2)
    del p1, p2
    print(weakref.getweakrefcount(o))
