# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_sys.py#L399
# Adapted: SysModuleTest.test_getframe becomes a plain function looked up by name; assertRaises becomes a print of the exception.
import sys

def test_getframe():
    try:
        sys._getframe(42, 42)
    except TypeError as e:
        print("TypeError:", e)
    try:
        sys._getframe(2000000000)
    except ValueError as e:
        print("ValueError:", e)
    print(test_getframe.__code__ is sys._getframe().f_code)
    print(sys._getframe().f_code.co_name, sys._getframe(1).f_code.co_name)

test_getframe()
