# Source: https://github.com/zhoujing204/example-code-2e
# Adapted: notebook "Saving Memory with __slots__" cells; echoes became print(), the AttributeError cell is caught.
class Pixel:
    # __slots__ = ('x')
    __slots__ = ('x', 'y')
    
p = Pixel()
p.x = 10
p.y = 20
print(p)
p.x = 30
p.y = 40
try:
    p.color = 'red'
except AttributeError as e:
    print(f"AttributeError: {e}")

class OpenPixel(Pixel):
    pass

op = OpenPixel()
print(op.__dict__)
op.x = 8
print(op.__dict__)
op.color = 'green'
print(op.__dict__)

class ColorPixel(Pixel):
    __slots__ = ('color', '__dict__' )
    
cp = ColorPixel()
print(cp.__dict__)
import sys
print(sys.getsizeof(cp))
cp.x = 2
cp.color = 'blue'
print(sys.getsizeof(cp))
cp.flavor = 'banana'
print(cp.__dict__)
