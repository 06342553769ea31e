# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_enumerate.py#L151
# Adapted: EnumerateTestCase.test_enumerate_result_gc for enumerate, a subclass, and zip (test_builtin's test_zip_result_gc does the same); assertTrue becomes print.
import gc

class MyEnum(enumerate):
    pass

for enum in (enumerate, MyEnum):
    it = enum([[]])
    gc.collect()
    print(enum.__name__, gc.is_tracked(next(it)))

it = zip([[]])
gc.collect()
print("zip", gc.is_tracked(next(it)))
