# Source: https://txtdot.deep-swarm.xyz/get?url=https%3A%2F%2Fwww.tutorialspoint.com%2Fpython%2Fpython_sys_getrefcount_method.htm
# Adapted: the page's four examples run one after the other.
import sys
a = 42
print(sys.getrefcount(a))

import sys
lst = [1, 2, 3]
print(sys.getrefcount(lst))

import sys
s = "hello"
print(sys.getrefcount(s))

import sys
def check_refcount(obj):
    print(sys.getrefcount(obj))
b = [4, 5, 6]
check_refcount(b)
