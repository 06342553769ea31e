# Rebinding creates the new object before the old one is released.
class V:
    def __init__(self, n):
        self.n = n
        print("new", n)

    def __del__(self):
        print("del", self.n)


x = V(1)
x = V(2)
x = V(3)
print("end", x.n)
