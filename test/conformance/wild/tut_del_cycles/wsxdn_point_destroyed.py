# Source: https://fanyv88.com:443/https/www.wsxdn.com/programming/python/107389.html
# Adapted: Python 2 print statements became print(); the three ids became comparisons (bare ids vary).
class Point:
    def __init__( self, x=0, y=0):
        self.x = x
        self.y = y
    def __del__(self):
        class_name = self.__class__.__name__
        print(class_name, "destroyed")
pt1 = Point()
pt2 = pt1
pt3 = pt1
print(id(pt1) == id(pt2) == id(pt3)) # prints the ids of the obejcts
del pt1
del pt2
del pt3
