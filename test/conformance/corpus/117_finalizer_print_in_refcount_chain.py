# Finalizers in a refcount cascade run depth-first: each object's __del__ before it releases its children.
class T:
    def __init__(self, name, *kids):
        self.name = name
        self.kids = list(kids)

    def __del__(self):
        print("del", self.name)


root = T("root", T("left", T("left.leaf")), T("right"))
del root
print("end")
