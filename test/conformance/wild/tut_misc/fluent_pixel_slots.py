# Source: https://github.com/Jalilnkh/KartalOl-Fluent-Python-2022
# Adapted: notebook cells (Examples 11-13 and 11-14); the AttributeError cell is caught so the run continues.
class Pixel:
    __slots__ = ('x', 'y')

p = Pixel()
try:
    p.__dict__
except AttributeError as e:
    print(f"AttributeError: {e}")

class OpenPixel(Pixel):
    pass

op = OpenPixel()
print(op.__dict__)
