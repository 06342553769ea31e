# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L331
# Adapted: check_shared_without_callback run for ref and proxy (test_shared_ref_without_callback, test_shared_proxy_without_callback); Object copied from the module; asserts become prints.
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

def check_shared_without_callback(makeref):
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
    p1 = makeref(o, None)
    p2 = makeref(o)
    print(p1 is p2)

check_shared_without_callback(weakref.ref)
check_shared_without_callback(weakref.proxy)
