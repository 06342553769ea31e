# Objects inside a tuple inside a list are freed when the list goes.
class V:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


rows = [(V("r0a"), V("r0b")), (V("r1a"), V("r1b"))]
rows.pop(0)
print("popped first row")
rows = None
print("end")
