# A tree with parent back-pointers is a web of cycles; one collection frees it all.
import gc

gc.disable()
gc.collect()


class Tree:
    def __init__(self, parent=None):
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)


root = Tree()
for i in range(3):
    child = Tree(root)
    Tree(child)
del root, child
print(gc.collect())
gc.enable()
