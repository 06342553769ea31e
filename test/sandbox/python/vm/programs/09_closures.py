def make(a, b=2, *, c=3, d):
    x = a
    def f(y=1):
        def g():
            return x + y + c
        return g
    h = lambda z, w=b: z + x + w
    x += 1
    return f, h

def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    del_me = 5
    del del_me
    return inc

f, h = make(1, d=4)
print(f()(), h(1), counter()())
