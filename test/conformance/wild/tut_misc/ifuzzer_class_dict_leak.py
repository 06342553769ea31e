# Source: https://github.com/xiaxinmeng/IFuzzer/blob/HEAD/dataset/dataset4/4/56284_1093546044.py
# Adapted: the bug report's leak.py body (the reload loop is interactive); the leaked dictionary's size is printed.
## leak.py
## >>> import imp, leak; imp.reload(leak)
## will leak ~2.5mb per reload
## on i386 debian unstable machine (according to top).
## in my real world app (an automatic build system),
## i run out of memory after a number reloads :(
class Foo(object): pass
Foo.leaky_dictionary = {}
for aa in range(256):
  for bb in range(256):
    Foo.leaky_dictionary[(bb << 8) | aa] = None
print(len(Foo.leaky_dictionary))
