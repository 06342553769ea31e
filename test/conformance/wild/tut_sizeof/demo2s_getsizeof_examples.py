# Source: https://www.demo2s.com/python/python-sys-getsizeof-object-default.html
# Adapted: the page's three examples; the first one's REPL echo became print().
from sys import getsizeof
print(getsizeof('Hello World!'))
import sys
x = 1
print(sys.getsizeof(x))
# code
import sys
   
d = {}
print(sys.getsizeof(d))
