# Source: https://errorhandle.ai/weakvaluedictionary-in-python
import weakref

class Person:
    def __init__(self, name):
        self.name = name
    def __repr__(self):
        return f"Person({self.name})"

# Create a WeakValueDictionary
people = weakref.WeakValueDictionary()

# Create a person and add to dictionary
p = Person("Alice")
people["alice"] = p

print(people["alice"])  # Output: Person(Alice)

# Delete the strong reference
del p

# Now the entry is gone because the object was garbage collected
print(people.get("alice"))  # Output: None
