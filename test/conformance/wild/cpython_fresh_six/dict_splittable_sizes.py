# Source: https://github.com/python/cpython/blob/3.11/Lib/test/test_dict.py#L1005
# Adapted: DictTest.test_splittable_setdefault, test_splittable_del (L1021) and test_splittable_popitem (L1065) as functions; make_shared_key_dict copied from the test module; the sizes they take are printed; asserts become prints.
import sys

def make_shared_key_dict(n):
    class C:
        pass

    dicts = []
    for i in range(n):
        a = C()
        a.x, a.y, a.z = 1, 2, 3
        dicts.append(a.__dict__)

    return dicts

def test_splittable_setdefault():
    """split table must keep correct insertion
    order when attributes are adding using setdefault()"""
    a, b = make_shared_key_dict(2)

    a['a'] = 1
    size_a = sys.getsizeof(a)
    a['b'] = 2
    b.setdefault('b', 2)
    size_b = sys.getsizeof(b)
    b['a'] = 1
    print(size_a, size_b)

    print(list(a), list(b))

def test_splittable_del():
    """split table must be combined when del d[k]"""
    a, b = make_shared_key_dict(2)

    orig_size = sys.getsizeof(a)

    del a['y']  # split table is combined
    try:
        del a['y']
    except KeyError as e:
        print("KeyError", e)
    print(orig_size, sys.getsizeof(a))

    print(list(a), list(b))

    # Two dicts have different insertion order.
    a['y'] = 42
    print(list(a), list(b))

def test_splittable_popitem():
    """split table must be combined when d.popitem()"""
    a, b = make_shared_key_dict(2)

    orig_size = sys.getsizeof(a)

    item = a.popitem()  # split table is combined
    print(item)
    try:
        del a['z']
    except KeyError as e:
        print("KeyError", e)

    print(sys.getsizeof(a) > orig_size, orig_size, sys.getsizeof(a))
    print(list(a), list(b))

test_splittable_setdefault()
test_splittable_del()
test_splittable_popitem()
