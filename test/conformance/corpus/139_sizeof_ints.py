# sys.getsizeof of ints grows by 4 bytes per 30-bit digit; 0 has no digits.
import sys

for n in (0, 1, -1, 255, 2**30 - 1, 2**30, 2**60, 2**90, -(2**64), 10**100):
    print(n if abs(n) < 10**20 else "big", sys.getsizeof(n))
