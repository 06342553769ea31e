# del lst[i] frees that item at once; later items shift down.
class V:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


lst = [V(i) for i in range(4)]
del lst[1]
print([v.n for v in lst])
del lst[-1]
print([v.n for v in lst])
lst.insert(0, V(9))
lst.remove(lst[1])
print([v.n for v in lst])
