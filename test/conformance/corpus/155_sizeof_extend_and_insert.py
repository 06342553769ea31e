# extend and insert over-allocate like append does.
import sys

a = []
a.extend(range(3))
print(sys.getsizeof(a))
a.extend([1] * 10)
print(len(a), sys.getsizeof(a))
b = []
for i in range(6):
    b.insert(0, i)
print(b, sys.getsizeof(b))
c = [1, 2]
c += [3]
print(sys.getsizeof(c))
