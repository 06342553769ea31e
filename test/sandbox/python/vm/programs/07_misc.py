from os import path as p, sep
import os.path
import os.path as op
x = [1, 2, 3][1:2]
x[0] = 5
x[::2] = [1]
a, *b = x
del x[0]
g = 1
def h():
    global g
    g = 2
    return {'a': 1, **{'b': 2}}, (1, *[2]), [*b]
if (n := 10) > 5:
    print(n)
print(h(), 'yes' if x else 'no')
