# Source: https://python3.info/oop/paradigm/str-interning.html
# Adapted: the two expressions printed.
print(('a' * 4096) is ('a' * 4096))
print(('a' * 4097) is ('a' * 4097))
