# A for-loop variable keeps the last item referenced after the loop ends.
import sys

items = [[], [], []]
for it in items:
    pass
print(sys.getrefcount(items[0]), sys.getrefcount(items[2]))
del it
print(sys.getrefcount(items[2]))
