# Source: https://riptutorial.com/python/example/8380/viewing-the-refcount-of-an-object
# Adapted: REPL echoes became print().
import sys
a = object()
print(sys.getrefcount(a))
b = a
print(sys.getrefcount(a))
del b
print(sys.getrefcount(a))
