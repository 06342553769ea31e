# Source: http://47.93.236.110:6799/esotericpy-thon-oddities-why-256-is-256-but-257-is-not-257.html
# Adapted: REPL echoes became print(); the id() pair became a comparison (addresses vary).
a = 42
b = 42.0
print(a == b)
print(a is b)
print(id(a) == id(b))
a=256
b=256
print(a is b)
c=257
d=257
print(c is d)
print(257 is 257)
