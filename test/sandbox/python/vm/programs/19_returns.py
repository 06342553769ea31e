def a():
    return
def b():
    return 1
def c(x):
    return x
def d(x):
    if x:
        return 1
    else:
        return 2
def e(x):
    while x:
        x -= 1
def g(x):
    for i in x:
        if i:
            return i
def h(x):
    try:
        return x()
    except Exception:
        return None
def i(x):
    with x:
        return 1
def j(x):
    try:
        x()
    finally:
        pass
def k():
    return (1, 2)
def l():
    return -1
def m():
    "doc"
def n():
    "doc"
    return 1
def o(x):
    if x:
        pass
def p(x):
    return x if x else None
def q(x):
    return not x
def r(x):
    return x and x.y
def s(x):
    raise ValueError(x)
