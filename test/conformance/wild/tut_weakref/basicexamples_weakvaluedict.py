# Source: https://basicexamples.com/example/python/weakref-weakvaluedictionary
import weakref

class Person:
    def __init__(self, name, age):
        self.name = name
        self.age = age

person1 = Person("Alice", 25)
person2 = Person("Bob", 30)

weak_dict = weakref.WeakValueDictionary()
weak_dict["alice"] = person1
weak_dict["bob"] = person2

print(weak_dict["alice"])  # Output: <__main__.Person object at 0x7f8c1e33e8>
print(weak_dict["bob"])    # Output: <__main__.Person object at 0x7f8c1e33e0>

# Deleting references to objects
del person1
del person2

print(weak_dict["alice"])  # Output: None (object has been garbage collected)
print(weak_dict["bob"])    # Output: None (object has been garbage collected)
