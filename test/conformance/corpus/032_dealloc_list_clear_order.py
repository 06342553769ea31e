# list.clear() releases items in reverse order as well.
class Item:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


lst = [Item(n) for n in ("x", "y", "z")]
lst.clear()
print("cleared", len(lst))
lst = [Item("p"), Item("q")]
lst = None
print("rebound")
