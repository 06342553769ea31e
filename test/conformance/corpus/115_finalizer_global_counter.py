# Finalizers can update module globals; the count shows how many objects died.
import gc

freed = 0


class Counted:
    def __del__(self):
        global freed
        freed += 1


items = [Counted() for _ in range(5)]
items.pop()
print(freed)
del items[:2]
print(freed)
items = None
print(freed)
gc.collect()
print(freed)
