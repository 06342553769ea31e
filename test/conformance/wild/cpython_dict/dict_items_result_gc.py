# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_dict.py#L1446
# Adapted: DictTest.test_dict_items_result_gc and test_dict_items_result_gc_reversed as one program; assertTrue becomes print.
import gc

it = iter({None: []}.items())
gc.collect()
print(gc.is_tracked(next(it)))

it = reversed({None: []}.items())
gc.collect()
print(gc.is_tracked(next(it)))
