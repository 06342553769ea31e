# Source: https://learnpy.inwo.io/ch09_memory_management/04_exercises
# Adapted: Exercises 2 and 3.
a = 100
b = 100
c = a + 0 # arithmetic result — is it interned?
print(a is b) # ?
print(a is c) # ?
print(b is c) # ?
print(a == b == c) # ?
# loop counter — inside cache range
total = 0
for i in range(5):
    total += i
print(i is 4) # ? — is the loop variable interned?
print(i == 4) # ?
# arithmetic result outside cache range
x = 200
y = 100
z = x + y # 300 — outside cache range
print(z is 300) # ?
print(z == 300) # ?
