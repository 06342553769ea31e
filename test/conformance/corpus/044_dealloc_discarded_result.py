# A value computed by an expression statement and not stored dies right away.
class V:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


V("temp")
print("after temp")
lst = [V("a"), V("b")]
lst.pop()
print("after pop")
len([V("c")])
print("end")
