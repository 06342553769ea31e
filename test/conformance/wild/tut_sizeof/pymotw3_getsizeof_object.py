# Source: https://github.com/bat67/The-Python-Standard-Library-by-Example/blob/db7e7651475d6e0425617a859d2f617237a2a709/sys/sys_getsizeof_object.py
import sys


class WithoutAttributes:
    pass


class WithAttributes:
    def __init__(self):
        self.a = 'a'
        self.b = 'b'
        return


without_attrs = WithoutAttributes()
print('WithoutAttributes:', sys.getsizeof(without_attrs))

with_attrs = WithAttributes()
print('WithAttributes:', sys.getsizeof(with_attrs))
