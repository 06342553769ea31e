# Source: https://errorhandle.ai/why-circular-referenced-objectypescript-with-del-defined-are-uncollectable-in-python
# Adapted: the page's two snippets in one program; the cycle is dropped (del a, b) before the page's gc lines.
class A:
    def __del__(self): print("A deleted")
class B:
    def __del__(self): print("B deleted")
a = A()
b = B()
a.b = b
b.a = a
del a, b
import gc
gc.collect()
print(gc.garbage)
