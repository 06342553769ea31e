# Source: https://learnpy.inwo.io/ch09_memory_management/04_exercises
# Adapted: Exercise 1.
a = 0
b = 0
print(a is b) # ?
a = 256
b = 256
print(a is b) # ?
a = 257
b = 257
print(a is b) # ?
a = -5
b = -5
print(a is b) # ?
a = -6
b = -6
print(a is b) # ?
