# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_frame.py#L38
# Adapted: ClearTest.inner/outer/clear_traceback_frames become functions; test_clear_locals and test_clear_does_not_clear_specials run in one program; support.gc_collect() becomes gc.collect(); asserts become prints.
import gc
import weakref


def inner(x=5, **kwargs):
    1/0

def outer(**kwargs):
    try:
        inner(**kwargs)
    except ZeroDivisionError as e:
        exc = e
    return exc

def clear_traceback_frames(tb):
    """
    Clear all frames in a traceback.
    """
    while tb is not None:
        tb.tb_frame.clear()
        tb = tb.tb_next

def test_clear_locals():
    class C:
        pass
    c = C()
    wr = weakref.ref(c)
    exc = outer(c=c)
    del c
    gc.collect()
    # A reference to c is held through the frames
    print(wr() is not None)
    clear_traceback_frames(exc.__traceback__)
    gc.collect()
    # The reference was released by .clear()
    print(wr())

def test_clear_does_not_clear_specials():
    class C:
        pass
    c = C()
    exc = outer(c=c)
    del c
    f = exc.__traceback__.tb_frame
    f.clear()
    print(f.f_code is not None)
    print(f.f_locals is not None)
    print(f.f_builtins is not None)
    print(f.f_globals is not None)

test_clear_locals()
test_clear_does_not_clear_specials()
