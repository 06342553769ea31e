# Source: https://runebook.dev/en/docs/python/library/weakref/weakref.WeakSet
# Adapted: the page's first listing, up to the size printed after the strong reference is removed.
import weakref

class Data:
    def __init__(self, value):
        self.value = value
        print(f"Data object {self.value} created.")
    def __del__(self):
        print(f"Data object {self.value} destroyed (garbage collected).")

# Create a WeakSet
my_set = weakref.WeakSet()

# PROBLEM: Inserting a temporary object (no strong reference)
# The object is created, added to the set, and immediately destroyed 
# because no variable 'holds onto' it.
print("\n--- Inserting temporary object ---")
my_set.add(Data(1)) 

print(f"Size of WeakSet: {len(my_set)}")
# Output will be 0, and you'll see the 'destroyed' message.

# CORRECT WAY: Keeping a strong reference
print("\n--- Inserting object with strong reference ---")
strong_ref_data = Data(2)
my_set.add(strong_ref_data)

print(f"Size of WeakSet: {len(my_set)}")
# Output will be 1. The object stays because 'strong_ref_data' holds it.

# Removing the strong reference will allow it to be collected
del strong_ref_data 
print("\n--- Removed strong reference ---")
print(f"Size of WeakSet after del: {len(my_set)}")
