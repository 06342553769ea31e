# Source: https://thecodingbus.info/destructors-in-python/
# Python program to illustrate destructor
class Employee:

    # Initializing 
    def __init__(self): 
        print('Employee created.') 

    # Deleting (Calling destructor) 
    def __del__(self): 
        print('Destructor called, Employee deleted.') 

obj = Employee()
del obj
