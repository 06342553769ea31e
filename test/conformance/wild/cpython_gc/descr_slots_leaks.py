# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_descr.py#L1230
# Adapted: the "Test leaks" part of test_slots (Counted with slotted holders, cyclical and lookup leaks); support.gc_collect() becomes gc.collect(); asserts become prints.
import gc

# Test leaks
class Counted(object):
    counter = 0    # counts the number of instances alive
    def __init__(self):
        Counted.counter += 1
    def __del__(self):
        Counted.counter -= 1
class C(object):
    __slots__ = ['a', 'b', 'c']
x = C()
x.a = Counted()
x.b = Counted()
x.c = Counted()
print(Counted.counter)
del x
gc.collect()
print(Counted.counter)
class D(C):
    pass
x = D()
x.a = Counted()
x.z = Counted()
print(Counted.counter)
del x
gc.collect()
print(Counted.counter)
class E(D):
    __slots__ = ['e']
x = E()
x.a = Counted()
x.z = Counted()
x.e = Counted()
print(Counted.counter)
del x
gc.collect()
print(Counted.counter)

# Test cyclical leaks [SF bug 519621]
class F(object):
    __slots__ = ['a', 'b']
s = F()
s.a = [Counted(), s]
print(Counted.counter)
s = None
gc.collect()
print(Counted.counter)

# Test lookup leaks [SF bug 572567]
if hasattr(gc, 'get_objects'):
    class G(object):
        def __eq__(self, other):
            return False
    g = G()
    orig_objects = len(gc.get_objects())
    for i in range(10):
        g==g
    new_objects = len(gc.get_objects())
    print(new_objects - orig_objects)
