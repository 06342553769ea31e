# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_descr.py#L1322
# Adapted: ClassPropertiesAndMethods.test_slots_special as a standalone program; assertHasAttr/assertEqual become prints, the expected AttributeError is caught and printed.
import weakref

class D(object):
    __slots__ = ["__dict__"]
a = D()
print(hasattr(a, "__dict__"), hasattr(a, "__weakref__"))
a.foo = 42
print(a.__dict__)

class W(object):
    __slots__ = ["__weakref__"]
a = W()
print(hasattr(a, "__weakref__"), hasattr(a, "__dict__"))
try:
    a.foo = 42
except AttributeError as e:
    print("AttributeError:", e)
r = weakref.ref(a)
print(r() is a, a.__weakref__ is r)

class C1(W, D):
    __slots__ = []
a = C1()
print(hasattr(a, "__dict__"), hasattr(a, "__weakref__"))
a.foo = 42
print(a.__dict__)

class C2(D, W):
    __slots__ = []
a = C2()
print(hasattr(a, "__dict__"), hasattr(a, "__weakref__"))
a.foo = 42
print(a.__dict__)
