# An empty set is 216 bytes and grows by quadrupling its table.
import sys

s = set()
last = sys.getsizeof(s)
print(0, last)
for i in range(40):
    s.add(i)
    size = sys.getsizeof(s)
    if size != last:
        print(len(s), size)
        last = size
print(sys.getsizeof({1, 2, 3}))
