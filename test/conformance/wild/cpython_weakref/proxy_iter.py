# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py#L414
# Adapted: assertRaises becomes a print of the exception.
import weakref

def test_proxy_iter():
    obj = None

    class MyObj:
        def __iter__(self):
            nonlocal obj
            del obj
            return NotImplemented

    obj = MyObj()
    p = weakref.proxy(obj)
    try:
        # "blech" in p calls MyObj.__iter__ through the proxy,
        # without keeping a reference to the real object, so it
        # can be killed in the middle of the call
        "blech" in p
    except TypeError as e:
        print("TypeError:", e)

test_proxy_iter()
