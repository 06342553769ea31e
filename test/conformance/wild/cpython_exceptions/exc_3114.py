# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_exceptions.py#L1037
# Adapted: ExceptionTests.test_3114 at module level (nonlocal becomes global); assertEqual becomes print.
import gc
import sys

class MyObject:
    def __del__(self):
        global e
        e = sys.exc_info()
e = ()
try:
    raise Exception(MyObject())
except:
    pass
gc.collect()
print(e)
