# An empty dict is 64 bytes; adding keys grows the table in steps.
import sys

d = {}
last = sys.getsizeof(d)
print(0, last)
for i in range(50):
    d[i] = i
    size = sys.getsizeof(d)
    if size != last:
        print(len(d), size)
        last = size
