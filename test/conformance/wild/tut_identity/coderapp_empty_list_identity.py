# Source: https://coderapp.vercel.app/answer/21948757
# Adapted: REPL echoes became print().
print([] is [])
print(id([]) == id([]))
