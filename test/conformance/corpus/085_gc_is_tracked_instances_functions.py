# Instances, functions, classes and lists are always tracked.
import gc


class Empty:
    pass


def f():
    pass


print(gc.is_tracked(Empty()), gc.is_tracked(Empty), gc.is_tracked(f))
print(gc.is_tracked(lambda: 0), gc.is_tracked([1, 2]), gc.is_tracked({1, 2}))
gc.collect()
e = Empty()
gc.collect()
print(gc.is_tracked(e))
