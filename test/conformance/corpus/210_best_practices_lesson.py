# The lesson's best practices: locals die early, del frees explicitly, generators stream.
import gc
import sys


def process(n):
    data = [i * i for i in range(n)]
    return sum(data)


print(process(1000))
big = list(range(10000))
print(sys.getsizeof(big))
del big
try:
    big
except NameError:
    print("big is gone")
stream = (i * i for i in range(10000))
print(sum(stream))
print(gc.collect() >= 0)
