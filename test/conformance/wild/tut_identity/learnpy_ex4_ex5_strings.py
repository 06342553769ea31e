# Source: https://learnpy.inwo.io/ch09_memory_management/04_exercises
# Adapted: Exercises 4 and 5.
a = "hello"
b = "hello"
print(a is b) # ?
a = "hello_world"
b = "hello_world"
print(a is b) # ?
a = "hello world" # contains space
b = "hello world"
print(a is b) # ?
a = "hello!" # contains punctuation
b = "hello!"
print(a is b) # ?
a = "123abc" # starts with digit
b = "123abc"
print(a is b) # ?
a = "hello"
b = "world"
c = "helloworld"
d = a + b # runtime concatenation — is it interned?
print(c is d) # ?
print(c == d) # ?
# now with interning
import sys
e = sys.intern(a + b)
f = sys.intern("helloworld")
print(e is f) # ?
print(e == f) # ?
