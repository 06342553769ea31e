# Source: https://pythonkb.com/python-does-python-intern-strings
# Adapted: examples 1-6 of the page run in one program.
import sys
a = sys.intern("Hello")
b = sys.intern("Hello")
print(a is b) # True
a = sys.intern("")
b = sys.intern("")
print(a is b) # True
a = sys.intern(" Hello ")
b = sys.intern("Hello")
print(a is b) # False
print(a.strip() == b.strip()) # True
a = "Hello" + "World"
b = sys.intern("HelloWorld")
print(a is b) # True
a = str(42)
b = sys.intern("42")
print(a is b) # False
print(a == b) # True
a = "Hello" * 3
b = sys.intern("HelloHelloHello")
print(a is b) # True
