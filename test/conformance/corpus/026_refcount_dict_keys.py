# Tuple keys of a dict are referenced by the dict (tuple built at run time, not a constant).
import sys

row = 3
key = ("row", row)
table = {key: "value"}
print(sys.getrefcount(key))
table[key] = "other"
print(sys.getrefcount(key))
keys = list(table.keys())
print(sys.getrefcount(key))
del table[key]
print(sys.getrefcount(key), len(keys))
