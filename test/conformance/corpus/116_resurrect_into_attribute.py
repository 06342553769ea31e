# Resurrection through another object's attribute keeps the object alive and reachable.
class Keeper:
    pass


keeper = Keeper()


class Pet:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("saving", self.name)
        keeper.pet = self


p = Pet("rex")
p = None
print(keeper.pet.name)
keeper.pet = None
print("released again, no second __del__")
