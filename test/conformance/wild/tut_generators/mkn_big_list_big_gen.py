# Source: https://mkn.gitbook.io/repo/programming/python/generators
from sys import getsizeof

big_list = [i for i in range(1_000_000)]
big_gen = (i for i in range(1_000_000))

print(getsizeof(big_list))  # ~8,000,000 bytes (varies)
print(getsizeof(big_gen))   # ~200 bytes
squares = (x*x for x in range(10))
print(next(squares)) # 0
print(next(squares)) # 1
