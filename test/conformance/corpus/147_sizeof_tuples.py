# A tuple is 40 bytes plus 8 per item, and never over-allocates.
import sys

for n in range(5):
    print(n, sys.getsizeof(tuple(range(n))))
print(sys.getsizeof((1, "a", 2.5)), sys.getsizeof(tuple(range(100))))
