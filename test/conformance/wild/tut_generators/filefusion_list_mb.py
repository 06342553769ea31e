# Source: https://www.filefusion.app/insights/courses/python/python-generators
# Adapted: the page's list-comprehension measurement; its class-based iterator and generator are driven with list() to show they agree.
import sys
# 1. List Comprehension (Eager)
# Creates a list of 1 million integers immediately
my_list = [i for i in range(1_000_000)]
print(f"List Size: {sys.getsizeof(my_list) / 1024 / 1024:.2f} MB")

# The Hard Way (Class-based Iterator)
class CountIterator:
    def __init__(self, limit):
        self.limit = limit
        self.count = 0
    def __iter__(self):
        return self
    def __next__(self):
        if self.count >= self.limit:
            raise StopIteration
        self.count += 1
        return self.count
# The Easy Way (Generator)
def count_generator(limit):
    count = 0
    while count < limit:
        count += 1
        yield count
print(list(CountIterator(5)), list(count_generator(5)))
