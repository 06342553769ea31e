# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_sys.py#L664
# Adapted: INTERN_NUMRUNS becomes a module global; assertRaises becomes a print of the exception.
import sys

INTERN_NUMRUNS = 0

def test_intern():
    global INTERN_NUMRUNS
    INTERN_NUMRUNS += 1
    try:
        sys.intern()
    except TypeError as e:
        print("TypeError:", e)
    s = "never interned before" + str(INTERN_NUMRUNS)
    print(sys.intern(s) is s)
    s2 = s.swapcase().swapcase()
    print(sys.intern(s2) is s)

    # Subclasses of string can't be interned, because they
    # provide too much opportunity for insane things to happen.
    class S(str):
        def __hash__(self):
            return 123

    try:
        sys.intern(S("abc"))
    except TypeError as e:
        print("TypeError:", e)

test_intern()
