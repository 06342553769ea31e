class Outer:
    x = 1
    items = [x for x in range(3)]
    gen = (y for y in range(2))
    def method(self):
        class Local:
            z = self
            def inner(s):
                return s.z
        return Local
    nums = {i: i for i in range(2)}

def f():
    a = 1
    class C:
        b = a
        def g(self):
            return a
    return C

def outer():
    v = 1
    def mid():
        def inner():
            return v
        return inner
    return mid

def shadow(x):
    def inner():
        x = 2
        return x
    return [x for x in range(x)]

def gen_lambda():
    return (lambda: (yield 1))

glob = 1
def uses_global():
    global glob
    glob += 1
    del glob
