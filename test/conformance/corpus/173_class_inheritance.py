# Single inheritance, super().__init__, overriding, isinstance and class attributes.
class Animal:
    kind = "animal"

    def __init__(self, name):
        self.name = name

    def speak(self):
        return f"{self.name} makes a sound"


class Dog(Animal):
    kind = "dog"

    def __init__(self, name, breed):
        super().__init__(name)
        self.breed = breed

    def speak(self):
        return f"{self.name} the {self.breed} barks"


a = Animal("generic")
d = Dog("rex", "collie")
print(a.speak())
print(d.speak())
print(isinstance(d, Animal), isinstance(a, Dog), type(d).__name__)
print(Animal.kind, Dog.kind, d.kind, hasattr(d, "breed"), hasattr(a, "breed"))
