# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_frame.py#L172
# Adapted: FrameAttrsTest.make_frames, test_locals, test_clear_locals and test_locals_clear_locals as plain functions; asserts become prints.
import types

def make_frames():
    def outer():
        x = 5
        y = 6
        def inner():
            z = x + 2
            1/0
            t = 9
        return inner()
    try:
        outer()
    except ZeroDivisionError as e:
        tb = e.__traceback__
        frames = []
        while tb:
            frames.append(tb.tb_frame)
            tb = tb.tb_next
    return frames

def test_locals():
    f, outer, inner = make_frames()
    outer_locals = outer.f_locals
    print(isinstance(outer_locals.pop('inner'), types.FunctionType))
    print(outer_locals)
    inner_locals = inner.f_locals
    print(inner_locals)

def test_clear_locals():
    # Test f_locals after clear() (issue #21897)
    f, outer, inner = make_frames()
    outer.clear()
    inner.clear()
    print(outer.f_locals, inner.f_locals)

def test_locals_clear_locals():
    # Test f_locals before and after clear() (to exercise caching)
    f, outer, inner = make_frames()
    outer.f_locals
    inner.f_locals
    outer.clear()
    inner.clear()
    print(outer.f_locals, inner.f_locals)

test_locals()
test_clear_locals()
test_locals_clear_locals()
