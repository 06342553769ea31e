# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_sys.py#L1624
# Adapted: each check(obj, expected) prints sys.getsizeof(obj), the value the check compares.
import sys

# _ast.AST
import _ast
print(sys.getsizeof(_ast.AST()))
try:
    raise TypeError
except TypeError:
    tb = sys.exc_info()[2]
    # traceback
    if tb is not None:
        print(sys.getsizeof(tb))
# sys.flags
print(sys.getsizeof(sys.flags), len(sys.flags))
