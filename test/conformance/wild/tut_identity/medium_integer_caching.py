# Source: https://medium.com/techtofreedom/3-facts-of-the-integer-caching-in-python-20ce587f09bb
# Adapted: the shell session as a script; each >>> expression is printed (in one compiled script the two 257 literals are one constant).
a=256
b=256
print(a is b)
x=257
y=257
print(x is y)
