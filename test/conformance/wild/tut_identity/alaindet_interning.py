# Source: https://github.com/alaindet/learn-python/blob/HEAD/courses/python3-deep-dive/part1/03-variables-memory/interning.py
# The reason why "a" and "b" have the same reference, is because the CPython runtime
# creates and caches number objects (in old versions, from -6 to 256), for performance
# given how how much these numbers are user
a = 999999
b = 999999
print(a is b)  # True

# Python interns strings and creates singleton instances to speed up string
# comparisons. By default, strings getting interned are things that look like an
# identifier, for example this returns True because 'hello' looks like an identifier
# (it can be used as the name of a variable)

c = 'hello'
d = 'hello'
print(c is d)  # True

# This could work or not, dependending of how your version of Python interns stuff
# As of Python 3.12, this returns True
e = 'hello world'
f = 'hello world'
print(e is f)  # True
