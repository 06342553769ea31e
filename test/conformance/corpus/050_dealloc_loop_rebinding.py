# A loop that rebinds one name frees each previous object as it goes.
class V:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


current = None
for i in range(4):
    current = V(i)
    print("made", i)
print("loop done, holding", current.n)
