# Source: https://runebook.dev/en/docs/python/library/weakref/weakref.ProxyType
import weakref

class DataHolder:
    def __init__(self, name):
        self.name = name
    def display(self):
        print(f"Data name: {self.name}")

# Create the original object
original_data = DataHolder("Important Data")

# Create a weak proxy
data_proxy = weakref.proxy(original_data)

# You can use the proxy just like the original object
print("Using the proxy:")
data_proxy.display() # Output: Data name: Important Data
print(f"Proxy's name attribute: {data_proxy.name}") # Output: Proxy's name attribute: Important Data

# Delete the original object
print("\nDeleting the original object...")
del original_data

# The proxy is now *invalid*
print("Trying to use the invalid proxy:")
try:
    data_proxy.display()
except ReferenceError as e:
    print(f"Oops! Got a ReferenceError: {e}")
