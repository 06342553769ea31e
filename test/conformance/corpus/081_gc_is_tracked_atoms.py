# Atomic objects (numbers, strings, bytes, None, bools) are never tracked by the collector.
import gc

print(gc.is_tracked(0), gc.is_tracked(10**30), gc.is_tracked(3.5))
print(gc.is_tracked("text"), gc.is_tracked(b"raw"), gc.is_tracked(None))
print(gc.is_tracked(True), gc.is_tracked(False))
print(gc.is_tracked([]), gc.is_tracked(set()), gc.is_tracked(object()))
