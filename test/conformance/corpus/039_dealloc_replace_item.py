# Overwriting a list slot or dict value frees the old object immediately.
class V:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


lst = [V("l0"), V("l1")]
lst[0] = V("l0-new")
print("replaced list slot")
d = {"k": V("d0")}
d["k"] = V("d0-new")
print("replaced dict value")
lst[1] = 5
d["k"] = 5
print("end")
