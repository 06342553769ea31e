# Deleting a slice frees the removed items.
class V:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


lst = [V(i) for i in range(6)]
del lst[1:4]
print("left", [v.n for v in lst])
del lst[::2]
print("left", [v.n for v in lst])
lst[:] = []
print("empty")
