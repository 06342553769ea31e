# Source: https://pythonkb.com/?p=33313
# Adapted: examples 2-4 of the page.
import sys
def function():
    a = 10
    print(sys.getrefcount(a))
function()
a = [1, 2, 3]
b = a
print(sys.getrefcount(a))
del a
print(sys.getrefcount(b))
