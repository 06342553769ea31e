# A suspended generator keeps its locals alive; exhausting it releases them.
class V:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


def producer():
    held = V("held")
    yield 1
    yield 2
    print("generator ending")


g = producer()
for x in g:
    print("value", x)
print("after loop")
