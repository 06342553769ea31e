# Source: https://pythonkb.com/python-why-doesnt-the-weakref-work-on-this-bound-method
# Adapted: the page's "Example 1" first (weak reference to the instance), then its opening example, whose ref()() it claims prints.
import weakref
class MyClass:
    def my_method(self):
        print("Hello, World!")
obj = MyClass()
ref = weakref.ref(obj) # Create weak reference to the instance
# Access the method using the weak reference
ref().my_method() # Output: Hello, World!
ref = weakref.ref(obj.my_method)
# Call the weak reference to execute the method
ref()() # Output: Hello, World!
