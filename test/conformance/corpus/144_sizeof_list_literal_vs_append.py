# A literal or list(range(n)) is sized exactly; appending over-allocates.
import sys

print(sys.getsizeof([1, 2, 3]), sys.getsizeof([1, 2, 3, 4, 5]))
print(sys.getsizeof(list(range(5))), sys.getsizeof(list(range(100))))
grown = []
for i in range(5):
    grown.append(i)
print(sys.getsizeof(grown))
print(sys.getsizeof([0] * 10), sys.getsizeof([None] * 100))
