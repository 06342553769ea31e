# Source: https://github.com/bat67/The-Python-Standard-Library-by-Example/blob/db7e7651475d6e0425617a859d2f617237a2a709/sys/sys_getrefcount.py
import sys

one = []
print('At start         :', sys.getrefcount(one))

two = one

print('Second reference :', sys.getrefcount(one))

del two

print('After del        :', sys.getrefcount(one))
