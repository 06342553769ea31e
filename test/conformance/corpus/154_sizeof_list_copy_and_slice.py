# Copies and slices are allocated at exactly their length.
import sys

grown = []
for i in range(9):
    grown.append(i)
print(sys.getsizeof(grown))
print(sys.getsizeof(grown[:]), sys.getsizeof(list(grown)), sys.getsizeof(grown.copy()))
print(sys.getsizeof(grown[:3]), sys.getsizeof(grown * 2))
