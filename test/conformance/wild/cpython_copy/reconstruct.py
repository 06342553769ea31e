# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L591
# Adapted: test_reconstruct_string, _nostate, _state and _state_setstate merged; asserts become prints.
import copy

class C(object):
    def __reduce__(self):
        return ""
x = C()
y = copy.copy(x)
print(y is x)
y = copy.deepcopy(x)
print(y is x)

class C(object):
    def __reduce__(self):
        return (C, ())
x = C()
x.foo = 42
y = copy.copy(x)
print(y.__class__ is x.__class__)
y = copy.deepcopy(x)
print(y.__class__ is x.__class__)

class C(object):
    def __reduce__(self):
        return (C, (), self.__dict__)
    def __eq__(self, other):
        return self.__dict__ == other.__dict__
x = C()
x.foo = [42]
y = copy.copy(x)
print(y == x)
y = copy.deepcopy(x)
print(y == x)
print(y.foo is not x.foo)

class C(object):
    def __reduce__(self):
        return (C, (), self.__dict__)
    def __setstate__(self, state):
        self.__dict__.update(state)
    def __eq__(self, other):
        return self.__dict__ == other.__dict__
x = C()
x.foo = [42]
y = copy.copy(x)
print(y == x)
y = copy.deepcopy(x)
print(y == x)
print(y.foo is not x.foo)
