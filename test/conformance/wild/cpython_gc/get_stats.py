# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py#L827
# Adapted: setUpModule's gc.disable() kept; asserts become prints of the asserted values.
import gc
gc.disable()
gc.collect()

stats = gc.get_stats()
print(len(stats))
for st in stats:
    print(isinstance(st, dict))
    print(sorted(set(st)))
    print(st["collected"] >= 0, st["collections"] >= 0, st["uncollectable"] >= 0)
# Check that collection counts are incremented correctly
if gc.isenabled():
    gc.disable()
old = gc.get_stats()
gc.collect(0)
new = gc.get_stats()
print(new[0]["collections"] - old[0]["collections"])
print(new[1]["collections"] - old[1]["collections"])
print(new[2]["collections"] - old[2]["collections"])
gc.collect(2)
new = gc.get_stats()
print(new[0]["collections"] - old[0]["collections"])
print(new[1]["collections"] - old[1]["collections"])
print(new[2]["collections"] - old[2]["collections"])
