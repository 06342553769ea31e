# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_sys.py#L290
# Adapted: assertRaises becomes a print of the exception.
import sys

old_limit = sys.getrecursionlimit()
def f():
    f()
try:
    for depth in (50, 75, 100, 250, 1000):
        try:
            sys.setrecursionlimit(depth)
        except RecursionError:
            # Issue #25274: The recursion limit is too low at the
            # current recursion depth
            print(depth, "too low")
            continue

        # Issue #5392: test stack overflow after hitting recursion
        # limit twice
        try:
            f()
        except RecursionError as e:
            print(depth, "RecursionError:", e)
        try:
            f()
        except RecursionError as e:
            print(depth, "RecursionError:", e)
finally:
    sys.setrecursionlimit(old_limit)
