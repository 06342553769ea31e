# A cache of weak references: entries whose objects died read as None.
import weakref


class Item:
    def __init__(self, key):
        self.key = key


items = [Item(k) for k in "abcd"]
cache = {item.key: weakref.ref(item) for item in items}
del items[1]
items.pop()
alive = [k for k, w in cache.items() if w() is not None]
print(alive)
print([w().key if w() else None for w in cache.values()])
