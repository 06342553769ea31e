# Dropping the outer list frees inner lists from the back, each emptying from the back.
class V:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


outer = [[V("a1"), V("a2")], [V("b1"), V("b2")]]
print("built")
del outer
print("end")
