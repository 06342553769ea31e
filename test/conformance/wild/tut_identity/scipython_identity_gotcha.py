# Source: https://scipython.com/book/chapter-2-the-core-python-language-i/examples/integer-object-identity-gotcha
# Adapted: REPL echoes became print().
a = 256
b = 256
print(a is b)
a = 257
b = 257
print(a is b)
