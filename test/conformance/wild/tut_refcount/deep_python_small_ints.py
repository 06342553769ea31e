# Source: https://github.com/mailcourses/deep_python_autumn_2024
# Adapted: notebook cells became one program, cell echoes became print().
import sys
print((sys.getrefcount(0), sys.getrefcount(1)))
x = 1
print(sys.getrefcount(x))
print(sys.getrefcount(10 ** 20))
x = 10 ** 21
print(sys.getrefcount(x))
print(sys.getrefcount(-5))
print(sys.getrefcount(-6))
print((sys.getrefcount(256), sys.getrefcount(257)))
s1 = "qwerty123"
s2 = "qwerty123"
print(s1 is s2)
s3 = "qwerty!"
s4 = "qwerty!"
print(s3 is s4)
print(sys.getrefcount("qwerty123"))
