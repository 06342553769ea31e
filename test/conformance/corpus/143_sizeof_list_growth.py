# A list grows its capacity in steps as items are appended, so getsizeof jumps.
import sys

lst = []
last = sys.getsizeof(lst)
print(0, last)
for i in range(40):
    lst.append(i)
    size = sys.getsizeof(lst)
    if size != last:
        print(len(lst), size)
        last = size
