# Source: https://essentialbooks.notion.site/Viewing-the-refcount-of-an-object-ffe9ca8dfad24584a1f157dce00937e8
# Adapted: the interactive session as a script; each >>> expression is printed.
import sys
a = object()
print(sys.getrefcount(a))
b = a
print(sys.getrefcount(a))
del b
print(sys.getrefcount(a))
