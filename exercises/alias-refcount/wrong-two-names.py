b = a
c = b
print(sys.getrefcount(b))
