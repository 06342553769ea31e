# Locals are released when the function returns, in the order they were declared.
class V:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


def work():
    first = V("first")
    second = V("second")
    third = V("third")
    print("returning")


work()
print("after call")
