# Source: https://myshell.co.uk/blog/2020/09/python-string-object-representation/
# Adapted: REPL echoes became print().
import sys
s = "A"
print(len(s))
print(sys.getsizeof(s))
s = "A"
print(sys.getsizeof(s + "@") - sys.getsizeof(s))
s = "🐙"
print(sys.getsizeof(s + "@") - sys.getsizeof(s))
