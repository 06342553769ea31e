def f(items):
    for x in items:
        try:
            if x == 1:
                continue
            if x == 2:
                return x
            if x == 3:
                break
        finally:
            print('f', x)
    while True:
        with open('a') as fh:
            try:
                return fh.read()
            except OSError:
                break
    for y in items:
        try:
            pass
        except ValueError as e:
            return e
        else:
            continue
    return None

def g():
    try:
        return 1
    finally:
        return 2

def h(x):
    for i in x:
        with i:
            if i:
                return i
            break
    try:
        raise ValueError('x') from None
    except (ValueError, TypeError) as err:
        raise RuntimeError() from err
