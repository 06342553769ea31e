b = a
print(sys.getrefcount(b))
