# Weak references to list members die as the members are removed.
import weakref


class Item:
    def __init__(self, n):
        self.n = n


items = [Item(i) for i in range(3)]
refs = [weakref.ref(it, lambda r: print("callback")) for it in items]
print([r() is not None for r in refs])
items.pop(0)
print([r() is not None for r in refs])
items.clear()
print([r() is not None for r in refs])
