# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_memoryview.py#L344
# Adapted: AbstractMemoryTests.test_weakref for BytesMemoryviewTest (ro_type bytes, rw_type bytearray, _view = memoryview) and BaseMemorySliceTests.test_refs (L448, source b"XabcdefY"); test.support.gc_collect() becomes gc.collect(); asserts become prints.
import gc
import sys
import weakref

_source = b"abcdef"
_types = [bytes, bytearray]

def _view(obj):
    return memoryview(obj)

def test_weakref():
    # Check memoryviews are weakrefable
    for tp in _types:
        b = tp(_source)
        m = _view(b)
        L = []
        def callback(wr, b=b):
            L.append(b)
        wr = weakref.ref(m, callback)
        print(wr() is m)
        del m
        gc.collect()
        print(wr(), L[0] is b)

def test_refs():
    for tp in _types:
        m = memoryview(tp(b"XabcdefY"))
        oldrefcount = sys.getrefcount(m)
        m[1:2]
        print(sys.getrefcount(m), oldrefcount)

test_weakref()
test_refs()
