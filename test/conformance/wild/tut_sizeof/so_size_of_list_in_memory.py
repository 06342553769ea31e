# Source: http://stackoverflow.com/questions/7247298/size-of-list-in-memory
# Adapted: the accepted answer's REPL session, echoes became print().
import sys
print(sys.getsizeof([]))
print(sys.getsizeof([1]))
lst = []
lst.append(1)
print(sys.getsizeof(lst))
