# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L105
# Adapted: check_basic_ref, C, create_function and create_bound_method copied from the test module; asserts become prints.
import weakref

class C:
    def method(self):
        pass

def create_function():
    def f(): pass
    return f

def create_bound_method():
    return C().method

def check_basic_ref(factory):
    o = factory()
    ref = weakref.ref(o)
    print(ref() is not None)
    o2 = ref()
    print(o is o2)

check_basic_ref(C)
check_basic_ref(create_function)
check_basic_ref(create_bound_method)

# Just make sure the tp_repr handler doesn't raise an exception.
# Live reference:
o = C()
wr = weakref.ref(o)
print(repr(wr))
# Dead reference:
del o
print(repr(wr))
