# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_sys.py#L249
# Adapted: test_getdefaultencoding and test_switchinterval merged; assertRaises becomes a print of the exception.
import sys

try:
    sys.getdefaultencoding(42)
except TypeError as e:
    print("TypeError:", e)
# can't check more than the type, as the user might have changed it
print(isinstance(sys.getdefaultencoding(), str), sys.getdefaultencoding())

for args in [(), ("a",), (-1.0,), (0.0,)]:
    try:
        sys.setswitchinterval(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
orig = sys.getswitchinterval()
# sanity check
print(orig < 0.5, orig)
try:
    for n in 0.00001, 0.05, 3.0, orig:
        sys.setswitchinterval(n)
        print(round(sys.getswitchinterval() - n, 7) == 0)
finally:
    sys.setswitchinterval(orig)
