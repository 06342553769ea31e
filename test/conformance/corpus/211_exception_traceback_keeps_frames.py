# A kept exception's __traceback__ keeps every frame's locals alive; err = e in a function makes a cycle
import gc
gc.disable()
class D:
    def __init__(self, n): self.n = n
    def __del__(self): print("del", self.n)
keep = []
def f():
    d = D("f")
    raise ValueError("boom")
def g():
    d = D("g")
    try:
        f()
    except ValueError as e:
        keep.append(e)
def h():
    d = D("h")
    g()
    print("h returned")
h()
print("kept:", len(keep))
keep.clear()
print("cleared")
def k():
    d = D("k")
    try:
        f()
    except ValueError as e:
        err = e
    print("k returns")
k()
print("collected", gc.collect())
try:
    f()
except ValueError:
    print("not kept")
print("end")
