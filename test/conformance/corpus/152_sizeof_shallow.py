# getsizeof is shallow: a list of big lists is no bigger than a list of small ints.
import sys

big = [list(range(1000)) for _ in range(3)]
small = [1, 2, 3]
print(sys.getsizeof(big), sys.getsizeof(small))
total = sys.getsizeof(big) + sum(sys.getsizeof(x) for x in big)
print(total)
