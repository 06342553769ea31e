# Source: https://python.astrotech.io/oop/str-interning.html
# Adapted: the "# True"/"# False" results shown with print().
print(('a' * 4096) is ('a' * 4096))
# True

print(('a' * 4097) is ('a' * 4097))
# False
