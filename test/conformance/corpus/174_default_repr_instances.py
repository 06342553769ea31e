# The default repr of an instance shows its class and address (addresses are masked when compared).
class Plain:
    pass


p = Plain()
print(p)
print(repr(p).startswith("<__main__.Plain object at 0x"))
print([Plain()])
print(str(p) == repr(p))
