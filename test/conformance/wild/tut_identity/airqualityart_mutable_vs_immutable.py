# Source: https://airqualityart.github.io/notebook/python.html
# Adapted: REPL echoes became print().
a = "Hello"
b = "Hello"
print(a == b)
print(id(a) == id(b))
a = ["Hello"]
b = ["Hello"]
print(a == b)
print(id(a) == id(b))
