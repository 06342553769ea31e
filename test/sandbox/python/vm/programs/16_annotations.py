x: int = 1
y: 'str'
(z): list = []
obj = type('O', (), {})()
obj.a: int = 2
obj.b: int
d = {}
d['k']: str = 'v'
d[1:2, 3]: int
if x:
    w: float = 1.0

def f(a: int, *args: str, b: 'B' = 2, **kw: dict) -> None:
    c: int = a
    e: int
    return c

class C:
    n: int = 0
    m: str
    def g(self, v: int = 0) -> int:
        return v
