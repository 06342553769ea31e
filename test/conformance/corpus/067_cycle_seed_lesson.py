# The seed lesson's cycle: objects announce creation, and finalizers run only at gc.collect().
import gc


class MyObject:
    def __init__(self, name):
        self.name = name
        print(f"object {self.name} created")

    def __del__(self):
        print(f"Object {self.name} deleted")


gc.collect()
obj1 = MyObject("obj1")
obj2 = MyObject("Obj2")
obj1.ref = obj2
obj2.ref = obj1
del obj1
print("obj1 name deleted")
del obj2
print("obj2 name deleted")
print(gc.collect())
print(gc.collect())
