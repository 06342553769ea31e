import sys
print(len([1, 2, 3]), sep='')
d = dict(a=1, b=2)
s = 'abc'.upper()
sys.stdout.write(s)
print(*[1, 2], **d)
f = lambda a, b=2: a + b
print(f(1))
