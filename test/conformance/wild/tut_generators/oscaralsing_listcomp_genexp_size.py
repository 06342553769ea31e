# Source: https://oscaralsing.com/list-comprehension-vs-generator-expression/
# Adapted: the timeit part (clock) dropped; the size part as published.
import sys

def size(label, obj):
    print(label, "%d bytes" % sys.getsizeof(obj))

range_size = 10000

listcomp_label = "listcomp        :"
genexp_label = "genexp          :"

size(listcomp_label, [num for num in range(range_size)])
size(genexp_label, (num for num in range(range_size)))
print(sum([num for num in range(range_size)]), sum(num for num in range(range_size)))
