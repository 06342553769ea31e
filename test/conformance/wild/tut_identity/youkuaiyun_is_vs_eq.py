# Source: https://blog.youkuaiyun.com/Candy_1575/article/details/72975541
# Adapted: the interactive session as a script for Python 3 (intern is sys.intern); each >>> expression is printed.
import sys
a = [1, 2, 3]
b = a
print(b is a)
print(b == a)
b = a[:]
print(b is a)
print(b == a)
print(100 is 10**2)
print(1000 is 10**3)
print(1000 == 10**3)
print("a" is "a")
print("aa" is "a" * 2)
x = "a"
print("aa" is x * 2)
print("aa" is sys.intern(x*2))
