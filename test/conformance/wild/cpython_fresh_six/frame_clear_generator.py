# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_frame.py#L66
# Adapted: ClearTest.test_clear_generator and test_clear_executing as plain functions; self.inner becomes a function; assertRaises becomes a print of the exception.

def inner(x=5, **kwargs):
    1/0

def test_clear_generator():
    endly = False
    def g():
        nonlocal endly
        try:
            yield
            inner()
        finally:
            endly = True
    gen = g()
    next(gen)
    print(endly)
    # Clearing the frame closes the generator
    gen.gi_frame.clear()
    print(endly)

def test_clear_executing():
    # Attempting to clear an executing frame is forbidden.
    try:
        1/0
    except ZeroDivisionError as e:
        f = e.__traceback__.tb_frame
    try:
        f.clear()
    except RuntimeError as e:
        print("RuntimeError", e)
    try:
        f.f_back.clear()
    except RuntimeError as e:
        print("RuntimeError", e)

test_clear_generator()
test_clear_executing()
