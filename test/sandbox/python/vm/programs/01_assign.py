x = 1
y = x + 2 * 3
z = -x
a, b = b, a = 1, 2
del x
print(y, z, a, b)
