# Clearing or popping items shrinks a list's allocation only in some cases.
import sys

lst = list(range(100))
print(sys.getsizeof(lst))
while len(lst) > 10:
    lst.pop()
print(len(lst), sys.getsizeof(lst))
lst.clear()
print(sys.getsizeof(lst))
