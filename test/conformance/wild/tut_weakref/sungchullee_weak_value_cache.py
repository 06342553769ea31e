# Source: https://sungchullee.github.io/python_book_writing/ch04/advanced_memory/caching_strategies
# Adapted: the page's comment "When obj is deleted, cache entry auto-removed" is shown with prints.
import weakref

class ExpensiveObject:
    def __init__(self, data):
        self.data = data

cache = weakref.WeakValueDictionary()

def get_or_create(key):
    if key in cache:
        return cache[key]
    obj = ExpensiveObject(key)
    cache[key] = obj
    return obj

obj = get_or_create("key1")
print(get_or_create("key1") is obj, len(cache))
# When obj is deleted, cache entry auto-removed
del obj
print(len(cache), "key1" in cache)
