# Source: https://gptteams.ai/developer/python-is-operator-behaves-unexpectedly-with-integers
# Adapted: REPL echoes became print().
a = 256
b = 256
print(id(a) == id(b))
a = 257
b = 257
print(id(a) == id(b))
