# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_copy.py#L792
# Adapted: test_copy_function and test_deepcopy_function merged; global_foo copied from the module; asserts become prints.
import copy

def global_foo(x, y): return x+y

print(copy.copy(global_foo) == global_foo)
def foo(x, y): return x+y
print(copy.copy(foo) == foo)
bar = lambda: None
print(copy.copy(bar) == bar)

print(copy.deepcopy(global_foo) == global_foo)
print(copy.deepcopy(foo) == foo)
print(copy.deepcopy(bar) == bar)
