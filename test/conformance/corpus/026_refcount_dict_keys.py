# Tuple keys of a dict are referenced by the dict.
import sys

key = ("row", 3)
table = {key: "value"}
print(sys.getrefcount(key))
table[key] = "other"
print(sys.getrefcount(key))
keys = list(table.keys())
print(sys.getrefcount(key))
del table[key]
print(sys.getrefcount(key), len(keys))
