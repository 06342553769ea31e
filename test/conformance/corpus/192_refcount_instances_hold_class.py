# Every instance holds a reference to its class: the class's count rises by one per instance.
import sys


class Widget:
    pass


before = sys.getrefcount(Widget)
widgets = [Widget() for _ in range(5)]
print(sys.getrefcount(Widget) - before)
widgets.pop()
print(sys.getrefcount(Widget) - before)
del widgets
print(sys.getrefcount(Widget) - before)
