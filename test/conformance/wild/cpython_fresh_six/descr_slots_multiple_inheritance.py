# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_descr.py#L3903
# Adapted: test_slots_multiple_inheritance and test_slot_shadows_class_variable (L4807) as top-level code; asserts become prints.

class A(object):
    __slots__=()
class B(object):
    pass
class C(A,B) :
    __slots__=()
print(C.__basicsize__ == B.__basicsize__)
print(hasattr(C, '__dict__'))
print(hasattr(C, '__weakref__'))
C().x = 2

try:
    class X:
        __slots__ = ["foo"]
        foo = None
except ValueError as cm:
    m = str(cm)
    print(m)
