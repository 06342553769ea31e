def f(x):
    try:
        return 1 / x
    except ZeroDivisionError as e:
        print('zero', e)
    except (TypeError, ValueError):
        pass
    finally:
        print('done')
    try:
        y = x
    except:
        raise
    else:
        y = 2
    return y

with open('x') as fh, open('y'):
    pass
assert f(2), 'msg'
print(f(0), f'{f(1)!r:>10} and {3}')
