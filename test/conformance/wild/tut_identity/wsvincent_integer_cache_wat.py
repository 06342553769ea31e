# Source: https://wsvincent.com/python-wat-integer-cache/?utm_source=thepythoncorner&utm_medium=email&utm_campaign=the-python-corner-monthly-newsletter-july-2020
# Adapted: REPL echoes became print(); the id() prints became a comparison (addresses vary).
x = 256
print(x is 256)
y = 257
print(y is 257)
a = 257
b = 257
print(a is b)
print(a == b)
c = 1
d = 1
print(id(c) == id(d))
