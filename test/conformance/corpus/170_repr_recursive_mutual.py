# Mutually recursive containers print the placeholder at the point of recursion.
x = ["x"]
y = ["y", x]
x.append(y)
print(x)
print(y)
d1 = {}
d2 = {"d1": d1}
d1["d2"] = d2
print(d1, len(str(d2)))
