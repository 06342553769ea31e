# Source: https://engineersofai.com/docs/python/python-foundation/core-python-syntax/interning-and-object-caching-practice
a = 256
b = 256
print(a is b)

c = -5
d = -5
print(c is d)

e = 0
f = 0
print(e is f)

# Now outside the cache range
g = 257
h = 257
print(g is h)

i = -6
j = -6
print(i is j)
