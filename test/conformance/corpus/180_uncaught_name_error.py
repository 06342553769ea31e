# An uncaught NameError stops the program with a traceback on stderr.
print("before")
x = 1
print(x + y)
print("never printed")
