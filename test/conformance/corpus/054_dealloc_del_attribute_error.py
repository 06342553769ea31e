# A finalizer that touches a missing attribute reports the AttributeError and the program goes on.
class Half:
    def __init__(self, ok):
        if ok:
            self.name = "complete"

    def __del__(self):
        print("closing", self.name)


a = Half(True)
del a
b = Half(False)
del b
print("after both")
