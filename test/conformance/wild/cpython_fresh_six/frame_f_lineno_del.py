# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_frame.py#L198
# Adapted: FrameAttrsTest.make_frames and test_f_lineno_del_segfault as plain code; assertRaises becomes a print of the exception.
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

f, _, _ = make_frames()
try:
    del f.f_lineno
except AttributeError as e:
    print("AttributeError", e)
