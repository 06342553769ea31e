# Source: https://errorhandle.ai/sys-getrefcount-returns-value-much-higher-than-2
import sys
x = []
print(sys.getrefcount(x))
