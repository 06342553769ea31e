# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_frame.py#L137
# Adapted: ClearTest.test_clear_refcycles with inner/outer/clear_traceback_frames as functions; support.disable_gc() written out; asserts become prints.
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
    while tb is not None:
        tb.tb_frame.clear()
        tb = tb.tb_next

gc.disable()
try:
    class C:
        pass
    c = C()
    wr = weakref.ref(c)
    exc = outer(c=c)
    del c
    print(wr() is not None)
    clear_traceback_frames(exc.__traceback__)
    print(wr())
finally:
    gc.enable()
