import weakref

class Parent:
    def __init__(self):
        self.children = []

    def add(self, child):
        self.children.append(child)
        child.parent = self


class Child:
    pass


parent = Parent()
parent.add(Child())
