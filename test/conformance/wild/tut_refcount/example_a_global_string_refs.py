# Source: https://example-a.com/answer/77504535
import sys

a = 'my-string'
print(sys.getrefcount(a))

b = [a]
print(sys.getrefcount(a))

del b
print(sys.getrefcount(a))

c = { 'key': a }
print(sys.getrefcount(a))
