# Source: https://newbetuts.com/449560-how-do-i-determine-the-size-of-an-object-in-python
# Adapted: the accepted answer's usage example, echoes became print().
import sys
x = 2
print(sys.getsizeof(x))
print(sys.getsizeof(sys.getsizeof))
print(sys.getsizeof('this'))
print(sys.getsizeof('this also'))
