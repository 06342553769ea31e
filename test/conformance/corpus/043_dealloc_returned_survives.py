# An object returned from a function survives; the others die with the frame.
class V:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


def build():
    scratch = V("scratch")
    result = V("result")
    helper = V("helper")
    return result


r = build()
print("got", r.n)
del r
print("end")
