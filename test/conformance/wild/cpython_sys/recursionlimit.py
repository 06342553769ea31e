# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_sys.py#L272
# Adapted: test_getrecursionlimit and test_setrecursionlimit merged; asserts become prints of the asserted values.
import sys

limit = sys.getrecursionlimit()
print(isinstance(limit, int), limit)
print(limit > 1)

try:
    sys.getrecursionlimit(42)
except TypeError as e:
    print("TypeError:", e)

old_limit = sys.getrecursionlimit()
try:
    sys.setrecursionlimit(10_005)
    print(sys.getrecursionlimit())

    try:
        sys.setrecursionlimit()
    except TypeError as e:
        print("TypeError:", e)
    try:
        sys.setrecursionlimit(-42)
    except ValueError as e:
        print("ValueError:", e)
finally:
    sys.setrecursionlimit(old_limit)
print(sys.getrecursionlimit())
