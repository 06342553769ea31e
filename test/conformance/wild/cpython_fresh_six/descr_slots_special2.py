# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_descr.py#L1360
# Adapted: test_slots_special2 as top-level code; Meta's assertIn becomes a print; asserts become prints; assertRaises(TypeError) becomes a print of the exception.
import types

class Meta(type):
    def __new__(cls, name, bases, namespace, attr):
        print(attr in namespace)
        return super().__new__(cls, name, bases, namespace)

class C1:
    def __init__(self):
        self.b = 42
class C2(C1, metaclass=Meta, attr="__classcell__"):
    __slots__ = ["__classcell__"]
    def __init__(self):
        super().__init__()
print(isinstance(C2.__dict__["__classcell__"], types.MemberDescriptorType))
c = C2()
print(c.b)
print(hasattr(c, "__classcell__"))
c.__classcell__ = 42
print(c.__classcell__)
try:
    class C3:
        __classcell__ = 42
        __slots__ = ["__classcell__"]
except TypeError as e:
    print("TypeError", e)

class Q1(metaclass=Meta, attr="__qualname__"):
    __slots__ = ["__qualname__"]
print(Q1.__qualname__ == C1.__qualname__[:-2] + "Q1", Q1.__qualname__)
print(isinstance(Q1.__dict__["__qualname__"], types.MemberDescriptorType))
q = Q1()
print(hasattr(q, "__qualname__"))
q.__qualname__ = "q"
print(q.__qualname__)
try:
    class Q2:
        __qualname__ = object()
        __slots__ = ["__qualname__"]
except TypeError as e:
    print("TypeError", e)
