class A:
    """An A."""
    x = 1
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v + A.x

class B(A):
    def get(self):
        return super().get() * 2

print(B(3).get())
