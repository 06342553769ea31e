# A ZeroDivisionError in a loop stops the program partway through.
values = [4, 2, 1, 0, 5]
print("dividing", len(values), "times")
for v in values:
    print(8 // v)
print("never reached")
