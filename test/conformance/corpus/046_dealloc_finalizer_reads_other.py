# A finalizer can read attributes of objects it still references.
class Account:
    def __init__(self, owner, balance):
        self.owner = owner
        self.balance = balance

    def __del__(self):
        print(f"closing {self.owner.name}'s account with {self.balance:.2f}")


class Person:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("person gone:", self.name)


acct = Account(Person("Ada"), 1234.5)
acct = None
print("end")
