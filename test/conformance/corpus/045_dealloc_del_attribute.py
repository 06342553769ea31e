# del obj.attr and rebinding an attribute release the old value at once.
class V:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


class Box:
    pass


b = Box()
b.item = V("one")
b.item = V("two")
print("rebound")
del b.item
print("deleted", hasattr(b, "item"))
