# Source: https://fanyv88.com:443/https/www.wsxdn.com/programming/python/107328.html
# Adapted: Python 2 print statements became print().
class Counter:
    Count = 0   # This is the count of objects of this class
    def __init__(self, name):
        self.name = name
        print(name, 'created')
        Counter.Count += 1
    def __del__(self):
        print(self.name, 'deleted')
        Counter.Count -= 1
        if Counter.Count == 0:
            print('Last Counter object deleted')
        else:
            print(Counter.Count, 'Counter objects remaining')
x = Counter("First")
del x
