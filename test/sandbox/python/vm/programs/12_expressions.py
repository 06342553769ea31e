a = b = c = 1
x = [1, 2, 3, 4]
s = x[1:], x[:2], x[::-1], x[a:b:c], x[a]
t = (a, *x, b)
d = {'a': a, 'b': b, **{'c': c}}
e = {**d}
st = {a, b, *x}
fs = f"{a!r:>{b}} {c:.2f} {d!s} {'q'!a}"
n = not a
m = -a + ~b ** 2 // 3 % 4 << 1 >> 1 & 7 | 8 ^ 9
cmp = a < b <= c == 1 != 2 > 0 >= -1
mem = a in x, b not in x, a is None, b is not None
cond = a if b else c
bo = a and b or c and not d
w = (y := 5) + y
x[0] += 1
x[a:b] = []
del x[0], d['a']
print(s, t, d, e, st, fs, n, m, cmp, mem, cond, bo, w)
print(1 if a in [1, 2, 3] else 0, 1 if a in {1, 2} else 0)
