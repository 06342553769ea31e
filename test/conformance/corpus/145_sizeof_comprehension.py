# A list comprehension grows by appending, so it may be larger than an exact-size list.
import sys

for n in (0, 1, 5, 10, 17, 100):
    comp = [i for i in range(n)]
    exact = list(range(n))
    print(n, sys.getsizeof(comp), sys.getsizeof(exact))
