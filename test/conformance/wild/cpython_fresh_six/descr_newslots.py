# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_descr.py#L1764
# Adapted: test_newslots as top-level code; asserts become prints.
class C(list):
    def __new__(cls):
        self = list.__new__(cls)
        self.foo = 1
        return self
    def __init__(self):
        self.foo = self.foo + 2
a = C()
print(a.foo)
print(a.__class__)
class D(C):
    pass
b = D()
print(b.foo)
print(b.__class__)
