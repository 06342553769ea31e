# id() gives the identity: equal for aliases, different for equal-looking copies.
a = [1, 2, 3]
b = a
c = list(a)
print(id(a) == id(b), a is b)
print(id(a) == id(c), a == c, a is c)
d = a[:]
print(d == a, d is a)
t = (1, 2)
u = t
print(id(t) == id(u))
