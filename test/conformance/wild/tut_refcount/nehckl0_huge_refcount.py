# Source: https://nehckl0.medium.com/huge-value-returned-for-python-reference-count-a11b3c5989e8?source=post_internal_links---------6-------------------------------
# Adapted: REPL echoes became print().
import sys
x = 333333
print(sys.getrefcount(x))
print(sys.getrefcount(x))
xxx = 1
print(sys.getrefcount(xxx))
