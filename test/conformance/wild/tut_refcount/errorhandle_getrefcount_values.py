# Source: https://errorhandle.ai/values-of-getrefcount
# Adapted: the two examples as one script.
import sys
a = []
print(sys.getrefcount(a))

print(sys.getrefcount(1))
print(sys.getrefcount("hello"))
print(sys.getrefcount(object()))
