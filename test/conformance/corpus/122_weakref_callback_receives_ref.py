# The callback receives the dead weak reference object itself.
import weakref


class Thing:
    pass


def on_death(ref):
    print("dead:", ref is w, ref())


t = Thing()
w = weakref.ref(t, on_death)
t = Thing()
print("rebound")
