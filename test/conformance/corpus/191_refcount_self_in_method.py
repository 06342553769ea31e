# Inside a method, self is one more reference to the instance.
import sys


class Counter:
    def __init__(self):
        self.n = 0

    def refs(self):
        return sys.getrefcount(self)

    def refs_via_local(self):
        me = self
        return sys.getrefcount(me)


c = Counter()
print(sys.getrefcount(c))
print(c.refs())
print(c.refs_via_local())
print(Counter.refs(c))
