# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_itertools.py#L1687
# Adapted: TestBasicOps.test_combinations_result_gc, test_permutations_result_gc (L1708) and test_product_result_gc (L1716) as top-level code; assertTrue becomes a print.
import gc
from itertools import combinations, permutations, product

it = combinations([None, []], 1)
next(it)
gc.collect()
print(gc.is_tracked(next(it)))

it = permutations([None, []], 1)
next(it)
gc.collect()
print(gc.is_tracked(next(it)))

it = product([None, []])
next(it)
gc.collect()
print(gc.is_tracked(next(it)))
