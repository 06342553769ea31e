# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_sys.py#L384
# Adapted: asserts become prints of the asserted values (the refcount of None is printed as a difference).
import sys

def test_refcount():
    # n here must be a global in order for this test to pass while
    # tracing with a python function.
    global n
    try:
        sys.getrefcount()
    except TypeError as e:
        print("TypeError:", e)
    c = sys.getrefcount(None)
    n = None
    print(sys.getrefcount(None) - c)
    del n
    print(sys.getrefcount(None) - c)
    print(hasattr(sys, "gettotalrefcount"))

test_refcount()
