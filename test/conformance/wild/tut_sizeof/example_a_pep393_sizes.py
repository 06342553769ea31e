# Source: https://example-a.com/answer/78997185
# Adapted: the question's REPL session, echoes became print().
import sys
print(sys.getsizeof(''))
print(sys.getsizeof('H'))
print(sys.getsizeof('Hi'))
print(sys.getsizeof('Ö'))
print(sys.getsizeof('Öl'))
