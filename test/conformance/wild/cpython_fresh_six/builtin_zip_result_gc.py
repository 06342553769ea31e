# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_builtin.py#L1859
# Adapted: BuiltinTest.test_zip_result_gc as top-level code; assertTrue becomes a print.
import gc

# bpo-42536: zip's tuple-reuse speed trick breaks the GC's assumptions
# about what can be untracked. Make sure we re-track result tuples
# whenever we reuse them.
it = zip([[]])
gc.collect()
# That GC collection probably untracked the recycled internal result
# tuple, which is initialized to (None,). Make sure it's re-tracked when
# it's mutated and returned from __next__:
print(gc.is_tracked(next(it)))
