# When a list dies, CPython releases its items from the last slot to the first.
class Item:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


lst = [Item("a"), Item("b"), Item("c")]
print("dropping list")
del lst
print("done")
