# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_sys.py#L75
# Adapted: the six ActiveExceptionTests merged, each test body kept; asserts become prints of the asserted values.
import sys

# test_exc_info_no_exception
print(sys.exc_info())
# test_sys_exception_no_exception
print(sys.exception())

def f():
    raise ValueError(42)

try:
    f()
except Exception as e_:
    e = e_
    exc_info = sys.exc_info()

print(isinstance(e, ValueError))
print(exc_info[0] is ValueError)
print(exc_info[1] is e)
print(exc_info[2] is e.__traceback__)

def f():
    raise ValueError

try:
    f()
except Exception as e_:
    e = e_
    exc = sys.exception()

print(isinstance(e, ValueError))
print(exc is e, repr(exc))
