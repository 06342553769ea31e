def posonly(a, b, /, c, *, d=1):
    return a, b, c, d

def arg_cells(wrapcol, data, *, adobe=False):
    result = []
    def emit(x):
        result.append(x[:wrapcol])
    emit(data)
    return result

def inverted(key, m, x):
    if not key in m:
        return not x is None
    return not key not in m, not x is not None, not key == m

def annotated(a: int, *rest: 'str', k: float = 1.0, **kw: dict) -> 'list':
    def inner(v: int = a) -> None:
        pass
    return inner

def deep(x):
    return ((((((((((x + 1) * 2) - 3) / 4) // 5) % 6) ** 7) << 8) >> 9) & 10) | 11
