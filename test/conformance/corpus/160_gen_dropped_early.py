# Dropping a suspended generator closes it and frees its locals.
class V:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


def producer():
    item = V("item")
    for i in range(10):
        yield i


g = producer()
for x in g:
    if x == 2:
        break
print("stopped at", x)
g = None
print("end")
