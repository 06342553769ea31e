if __debug__:
    print('debug')
if 0:
    print('never')
elif 1:
    print('always')
while 0:
    pass
while True:
    if x:
        break
else:
    print('no')
x = 1 if True else 2
y = (1, 2)[0]
z = 'abc'[1]
w = 2 ** 10
v = 'a' * 3
u = (1, 2) + (3,)
t = not True
s = ~5
r = 1 and 2
q = None or 0
def f():
    return
    print('dead')
def g():
    while True:
        pass
def h():
    raise X
    return 1
