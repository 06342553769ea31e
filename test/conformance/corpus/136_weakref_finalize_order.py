# Several finalize objects for one object fire newest first.
import weakref


class Thing:
    pass


t = Thing()
weakref.finalize(t, print, "first registered")
weakref.finalize(t, print, "second registered")
weakref.finalize(t, print, "third registered")
del t
print("end")
