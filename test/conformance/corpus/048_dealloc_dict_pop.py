# dict.pop hands the value to the caller; discarding it frees it.
class V:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


d = {"a": V("a"), "b": V("b"), "c": V("c")}
kept = d.pop("a")
d.pop("b")
print("popped")
del d["c"]
print("size", len(d), kept.n)
