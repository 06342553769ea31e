# A child held by two parents dies only when the second parent releases it.
class V:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


child = V("child")
p1 = [child]
p2 = {"c": child}
del child
print("name gone")
del p1
print("first parent gone")
del p2
print("end")
