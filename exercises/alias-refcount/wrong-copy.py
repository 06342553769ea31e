b = a.copy()
print(sys.getrefcount(b))
