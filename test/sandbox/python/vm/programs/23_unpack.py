a, b = 1, 2
a, b = b, a
a, b, c = c, b, a
(a, b), c = x
[a, b] = [c, d]
a, *b, c = x
*a, = x
for a, *b in x:
    pass
a = b = [c, d] = e
x.a, x.b = 1, 2
x[0], x[1] = x[1], x[0]
def f():
    a, b = 1, 2
    a, b = b, a
    a, b, c = c, b, a
    return a
