# A callback may touch globals and other objects while the referent is being freed.
import weakref

log = []


class Session:
    def __init__(self, user):
        self.user = user


def closed(ref):
    log.append("session closed")


s = Session("ada")
w = weakref.ref(s, closed)
log.append("created")
s = None
log.append("after rebind")
print(log)
