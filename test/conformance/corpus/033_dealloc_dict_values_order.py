# When a dict dies, its values are released in insertion order.
class Val:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


d = {}
d["first"] = Val("first")
d["second"] = Val("second")
d["third"] = Val("third")
del d
print("---")
d = {"k1": Val("one"), "k2": Val("two")}
d.clear()
print("cleared")
