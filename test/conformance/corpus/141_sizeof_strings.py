# String size depends on length and on the widest character (ASCII, latin-1, BMP, astral).
import sys

print(sys.getsizeof(""), sys.getsizeof("a"), sys.getsizeof("hello"), sys.getsizeof("x" * 100))
print(sys.getsizeof("é"), sys.getsizeof("café"), sys.getsizeof("ÿÿ"))
print(sys.getsizeof("€"), sys.getsizeof("€€"), sys.getsizeof("日本語"))
print(sys.getsizeof("😀"), sys.getsizeof("a😀"))
