# Globals live until removed; locals die at return.
class V:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


g = V("global")


def f():
    loc = V("local")
    print("in f")


f()
print("after f; global still here:", g.n)
del g
print("end")
