# A chain a -> b -> c is freed head first, each finalizer before its successor's.
class Link:
    def __init__(self, name, nxt=None):
        self.name = name
        self.nxt = nxt

    def __del__(self):
        print("del", self.name)


head = Link("a", Link("b", Link("c")))
print("built")
head = None
print("gone")
