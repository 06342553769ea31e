# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L229
# Adapted: test_copy_inst_getstate, test_copy_inst_setstate and test_copy_inst_getstate_setstate merged; asserts become prints.
import copy

class C:
    def __init__(self, foo):
        self.foo = foo
    def __getstate__(self):
        return {"foo": self.foo}
    def __eq__(self, other):
        return self.foo == other.foo
x = C(42)
print(copy.copy(x) == x)

class C:
    def __init__(self, foo):
        self.foo = foo
    def __setstate__(self, state):
        self.foo = state["foo"]
    def __eq__(self, other):
        return self.foo == other.foo
x = C(42)
print(copy.copy(x) == x)

class C:
    def __init__(self, foo):
        self.foo = foo
    def __getstate__(self):
        return self.foo
    def __setstate__(self, state):
        self.foo = state
    def __eq__(self, other):
        return self.foo == other.foo
x = C(42)
print(copy.copy(x) == x)
# State with boolean value is false (issue #25718)
x = C(0.0)
print(copy.copy(x) == x, copy.copy(x).foo)
