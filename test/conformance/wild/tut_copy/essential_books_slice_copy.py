# Source: https://essential-books.onrender.com/essential/python/performing-a-shallow-copy-of-a-list-4a942e9182634008bc31cce6d9264164.html
# Adapted: REPL echoes became print().
l1 = [1,2,3]
l2 = l1[:] # Perform the shallow copy.
print(l2)
print(l1 is l2)
