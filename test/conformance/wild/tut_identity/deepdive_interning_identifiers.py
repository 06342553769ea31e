# Source: https://github.com/omarfq/Python3-Deep-Dive-Series
# Adapted: notebook cells; id() prints became comparisons (addresses vary); the timing cells are left out.
a = 'hello'
b = 'hello'
print(id(a) == id(b))
a = 'hello world'
b = 'hello world'
print(id(a) == id(b))
print(a == b)
print(a is b)
a = 'hello'
b = 'hello'
print(a == b)
print(a is b)
a = '_this_is_a_long_string_that_could_be_used_as_an_identifier'
b = '_this_is_a_long_string_that_could_be_used_as_an_identifier'
print(a is b)
import sys
a = sys.intern('hello world')
b = sys.intern('hello world')
c = 'hello world'
print(id(a) == id(b), id(b) == id(c))
print(a == b)
print(a is b)
