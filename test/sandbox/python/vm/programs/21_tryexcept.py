def f():
    try:
        try:
            x = 1
        except ValueError as e:
            print(e)
            raise
        except:
            pass
        finally:
            x = 2
    except (KeyError, IndexError):
        return 3
    else:
        return 4
    finally:
        print('fin')

def g(items):
    for item in items:
        try:
            continue
        except Exception as exc:
            break
        finally:
            del item
    else:
        return 0

def h():
    with a() as (x, y), b() as z[0]:
        with c():
            pass
    try:
        pass
    finally:
        try:
            pass
        except:
            pass
