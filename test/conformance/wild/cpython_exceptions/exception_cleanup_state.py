# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_exceptions.py#L725
# Adapted: ExceptionTests.testExceptionCleanupState, the first four cases (except as, except Class, bare except, break out of except) as a standalone program; assertIsNone becomes a print of the weakref before and after gc.collect().
import gc
import weakref

class MyException(Exception):
    def __init__(self, obj):
        self.obj = obj
class MyObj:
    pass

def inner_raising_func():
    local_ref = obj
    raise MyException(obj)

obj = MyObj()
wr = weakref.ref(obj)
try:
    inner_raising_func()
except MyException as e:
    pass
obj = None
print(wr())
gc.collect()
print(wr())

obj = MyObj()
wr = weakref.ref(obj)
try:
    inner_raising_func()
except MyException:
    pass
obj = None
print(wr())
gc.collect()
print(wr())

obj = MyObj()
wr = weakref.ref(obj)
try:
    inner_raising_func()
except:
    pass
obj = None
print(wr())
gc.collect()
print(wr())

obj = MyObj()
wr = weakref.ref(obj)
for i in [0]:
    try:
        inner_raising_func()
    except:
        break
obj = None
print(wr())
gc.collect()
print(wr())
