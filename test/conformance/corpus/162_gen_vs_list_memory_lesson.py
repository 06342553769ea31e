# The lesson's comparison: a list of squares versus a generator of squares.
import sys


def squares_list(n):
    return [i * i for i in range(n)]


def squares_gen(n):
    for i in range(n):
        yield i * i


lst = squares_list(1000)
gen = squares_gen(1000)
print(type(lst).__name__, type(gen).__name__)
print(sys.getsizeof(lst), sys.getsizeof(gen) < sys.getsizeof(lst))
print(sum(lst), sum(gen), sum(gen))
