# Objects still alive when the program ends are not finalized by the sandbox.
class V:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


keep = V("kept")
tmp = V("tmp")
del tmp
print("program ends with", keep.n, "alive")
