# Source: https://python.19633.com/no/Python/1008027962.html
# Adapted: the answer's Python 2 snippets as one Python 3 script; each >>> expression is printed.
num = 1
a = str(num)
b = str(num)
print(a is b)
a = "text"
b = "text"
print(a is b)
print(str(5) is str(5))
print(str(50) is str(50))
print(int(5+0) is int(5+0))
print(int(50+0) is int(50+0))
print(int(500+0) is int(500+0))
