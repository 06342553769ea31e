# Source: https://basicexamples.com/example/python/weakref-finalize
import weakref

class Person:
    def __init__(self, name):
        self.name = name
    
    def finalize_callback(self):
        print(f"Person object '{self.name}' is being destroyed.")

person = Person("John")
weakref.finalize(person, person.finalize_callback)

# Let's simulate garbage collection
del person
# Output: Person object 'John' is being destroyed.
print("after del")
